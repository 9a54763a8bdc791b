/**
 * A Space-Saving top-K sketch (Metwally et al.): at most `capacity` counters. A new item when full
 * takes the smallest counter's place and inherits its count as its error, so every item whose true
 * count exceeds total/capacity is kept, and `count − error ≤ true count ≤ count`.
 */
export class SpaceSaving {
  readonly counts = new Map<string, number>()
  readonly errors = new Map<string, number>()
  constructor(readonly capacity: number) {}

  add(item: string, by = 1): void {
    const c = this.counts.get(item)
    if (c !== undefined) {
      this.counts.set(item, c + by)
      return
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(item, by)
      return
    }
    let minItem = ''
    let min = Infinity
    for (const [k, v] of this.counts) {
      if (v < min || (v === min && k < minItem)) [minItem, min] = [k, v]
    }
    this.counts.delete(minItem)
    this.errors.delete(minItem)
    this.counts.set(item, min + by)
    this.errors.set(item, min)
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
    }
    return s
  }
}
