/**
 * A queue of future events keyed by time, ties in insertion order (deterministic).
 * Events fall into hourly buckets sorted when first drained: much cheaper than a heap for a
 * stream whose pushes never land before the bucket being drained (the simulator's case).
 */

const BUCKET_MS = 3_600_000

interface Bucket<T> {
  times: number[]
  items: T[]
  /** Drain order (indexes sorted by time), built on first read. */
  order: Uint32Array | null
  pos: number
}

export class EventQueue<T> {
  private buckets = new Map<number, Bucket<T>>()
  private key = Infinity
  private count = 0

  get size(): number {
    return this.count
  }

  push(t: number, item: T): void {
    const k = Math.floor(t / BUCKET_MS)
    let b = this.buckets.get(k)
    if (!b) this.buckets.set(k, (b = { times: [], items: [], order: null, pos: 0 }))
    else if (b.order) this.reopen(b, t)
    b.times.push(t)
    b.items.push(item)
    this.count++
    if (k < this.key) this.key = k
  }

  // A peek sorted this bucket: keep what is left, in order, and let the next read sort again.
  private reopen(b: Bucket<T>, t: number): void {
    const order = b.order!
    if (b.pos > 0 && t < b.times[order[b.pos - 1]]) throw new Error('EventQueue: push before an item already taken')
    const rest = order.subarray(b.pos)
    b.times = Array.from(rest, (i) => b.times[i])
    b.items = Array.from(rest, (i) => b.items[i])
    b.order = null
    b.pos = 0
  }

  private head(): Bucket<T> | undefined {
    if (!this.count) return undefined
    for (;;) {
      const b = this.buckets.get(this.key)
      if (b && b.pos < b.items.length) {
        if (!b.order) {
          const { times } = b
          const order = new Uint32Array(times.length)
          for (let i = 0; i < order.length; i++) order[i] = i
          b.order = order.sort((x, y) => times[x] - times[y] || x - y)
        }
        return b
      }
      if (b) this.buckets.delete(this.key)
      this.key++
    }
  }

  /** Time of the earliest item, or Infinity when empty. */
  peekTime(): number {
    const b = this.head()
    return b ? b.times[b.order![b.pos]] : Infinity
  }

  /** Removes and returns the earliest item (undefined when empty). */
  pop(): T | undefined {
    const b = this.head()
    if (!b) return undefined
    this.count--
    const item = b.items[b.order![b.pos++]]
    if (!this.count) {
      this.buckets.clear()
      this.key = Infinity
    }
    return item
  }
}
