/**
 * A Space-Saving top-K sketch (Metwally et al.): at most `capacity` counters. A new item when full
 * takes the smallest counter's place and inherits its count as its error, so every item whose true
 * count exceeds total/capacity is kept, and `count − error ≤ true count ≤ count`. Among equal
 * smallest counts the smallest item (by code unit) gives way, so the sketch depends only on what it
 * holds, not on the order it was built in (a restored sketch goes on as the original would).
 *
 * The items sit in a binary min-heap on (count, item): an add is O(log capacity) and allocates
 * nothing for an item already held.
 */
export class SpaceSaving {
  readonly counts = new Map<string, number>()
  readonly errors = new Map<string, number>()
  /** Items in heap order, smallest (count, item) first. */
  private readonly heap: string[] = []
  /** Heap position of each item. */
  private readonly at = new Map<string, number>()

  constructor(readonly capacity: number) {}

  add(item: string, by = 1): void {
    const c = this.counts.get(item)
    if (c !== undefined) {
      this.counts.set(item, c + by)
      this.down(this.at.get(item)!)
      return
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(item, by)
      this.heap.push(item)
      this.at.set(item, this.heap.length - 1)
      this.up(this.heap.length - 1)
      return
    }
    const victim = this.heap[0]
    const min = this.counts.get(victim)!
    this.counts.delete(victim)
    this.errors.delete(victim)
    this.at.delete(victim)
    this.counts.set(item, min + by)
    this.errors.set(item, min)
    this.heap[0] = item
    this.at.set(item, 0)
    this.down(0)
  }

  /** Entries as `[item, count, error]`, for storage. */
  entries(): [string, number, number][] {
    return [...this.counts].map(([k, v]) => [k, v, this.errors.get(k) ?? 0])
  }

  static from(capacity: number, entries: [string, number, number][]): SpaceSaving {
    const s = new SpaceSaving(capacity)
    for (const [k, v, e] of entries) {
      s.counts.set(k, v)
      if (e) s.errors.set(k, e)
      s.heap.push(k)
      s.at.set(k, s.heap.length - 1)
      s.up(s.heap.length - 1)
    }
    return s
  }

  /** Whether item `a` orders before `b`: smaller count, then smaller item. */
  private before(a: string, b: string): boolean {
    const ca = this.counts.get(a)!
    const cb = this.counts.get(b)!
    return ca < cb || (ca === cb && a < b)
  }

  private place(i: number, item: string): void {
    this.heap[i] = item
    this.at.set(item, i)
  }

  private up(i: number): void {
    const h = this.heap
    const item = h[i]
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.before(item, h[p])) break
      this.place(i, h[p])
      i = p
    }
    this.place(i, item)
  }

  private down(i: number): void {
    const h = this.heap
    const n = h.length
    const item = h[i]
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const c = l + 1 < n && this.before(h[l + 1], h[l]) ? l + 1 : l
      if (!this.before(h[c], item)) break
      this.place(i, h[c])
      i = c
    }
    this.place(i, item)
  }
}
