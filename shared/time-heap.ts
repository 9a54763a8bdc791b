/** A min-heap of (time, item), ties broken by insertion order (so what pops is deterministic): the simulator's event stream, the engine's request timers. */

export class TimeHeap<T> {
  private times: number[] = []
  private seqs: number[] = []
  private items: T[] = []
  private seq = 0

  get size(): number {
    return this.items.length
  }

  /** Time of the earliest item, or Infinity when empty. */
  peekTime(): number {
    return this.items.length ? this.times[0] : Infinity
  }

  push(t: number, item: T): void {
    const { times, seqs, items } = this
    const s = this.seq++
    let i = items.length
    times.push(t)
    seqs.push(s)
    items.push(item)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (times[p] < t || (times[p] === t && seqs[p] < s)) break
      times[i] = times[p]
      seqs[i] = seqs[p]
      items[i] = items[p]
      i = p
    }
    times[i] = t
    seqs[i] = s
    items[i] = item
  }

  /** Removes and returns the earliest item (undefined when empty). */
  pop(): T | undefined {
    const { times, seqs, items } = this
    const n = items.length
    if (!n) return undefined
    const top = items[0]
    const t = times.pop()!
    const s = seqs.pop()!
    const item = items.pop()!
    const m = n - 1
    if (m) {
      let i = 0
      for (;;) {
        let c = 2 * i + 1
        if (c >= m) break
        if (c + 1 < m && (times[c + 1] < times[c] || (times[c + 1] === times[c] && seqs[c + 1] < seqs[c]))) c++
        if (t < times[c] || (t === times[c] && s < seqs[c])) break
        times[i] = times[c]
        seqs[i] = seqs[c]
        items[i] = items[c]
        i = c
      }
      times[i] = t
      seqs[i] = s
      items[i] = item
    }
    return top
  }
}
