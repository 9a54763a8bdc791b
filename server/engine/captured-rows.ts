/**
 * The rows a checkpoint takes, encoded a slice at a time with nothing copied up front: a key about
 * to change before its slice is encoded first (`touch`), so the rows are the values at the capture.
 */
export class CapturedRows<K, R> {
  /** Rows of keys encoded just before they changed. */
  private readonly early = new Map<K, R>()
  private readonly next: Iterator<K>

  constructor(
    /** The keys taken (owned from now on: emptied as they are encoded). */
    private readonly keys: Set<K>,
    private readonly encode: (key: K) => R,
  ) {
    this.next = keys.values()
  }

  /** `key` is about to change: encoded now if this capture holds it and has not encoded it yet. */
  touch(key: K): void {
    if (this.keys.delete(key)) this.early.set(key, this.encode(key))
  }

  /** Every row handed out. */
  get done(): boolean {
    return this.keys.size === 0 && this.early.size === 0
  }

  /** Moves up to `room` rows into `out`; returns how many. */
  fill(out: R[], room: number): number {
    let n = 0
    for (; n < room; n++) {
      const r = this.next.next()
      if (r.done) break
      this.keys.delete(r.value)
      out.push(this.encode(r.value))
    }
    for (const [key, row] of this.early) {
      if (n >= room) break
      this.early.delete(key)
      out.push(row)
      n++
    }
    return n
  }
}
