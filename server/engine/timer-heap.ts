/** A binary min-heap of (time, item): the instants at which requests change with no event arriving. */
export class TimerHeap<T> {
  private readonly times: number[] = []
  private readonly items: T[] = []

  get size(): number {
    return this.times.length
  }

  push(time: number, item: T): void {
    const { times, items } = this
    let i = times.length
    times.push(time)
    items.push(item)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (times[p] <= time) break
      times[i] = times[p]
      items[i] = items[p]
      i = p
    }
    times[i] = time
    items[i] = item
  }

  /** Earliest time, or Infinity when empty. */
  peek(): number {
    return this.times.length ? this.times[0] : Infinity
  }

  pop(): T | undefined {
    const { times, items } = this
    if (!times.length) return undefined
    const top = items[0]
    const lastT = times.pop()!
    const lastI = items.pop()!
    const n = times.length
    if (n) {
      let i = 0
      for (;;) {
        let c = 2 * i + 1
        if (c >= n) break
        if (c + 1 < n && times[c + 1] < times[c]) c++
        if (times[c] >= lastT) break
        times[i] = times[c]
        items[i] = items[c]
        i = c
      }
      times[i] = lastT
      items[i] = lastI
    }
    return top
  }
}
