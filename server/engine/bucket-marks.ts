/**
 * Buckets changed since the last checkpoint, marked per region as `period * 8 + kind`: small
 * integers, so marking a bucket on the hot path allocates nothing (a bucket key of all three
 * would not fit a small integer).
 */
export class BucketMarks {
  private readonly of: (Set<number> | undefined)[] = []
  /** Regions with marks (a region emptied by `unmark` stays listed until `clear`). */
  private readonly regions = new Set<number>()
  /** Buckets marked. */
  size = 0

  mark(kind: number, period: number, region: number): void {
    const s = (this.of[region] ??= new Set())
    const n = s.size
    s.add(period * 8 + kind)
    if (s.size === n) return
    this.size++
    if (n === 0) this.regions.add(region)
  }

  has(kind: number, period: number, region: number): boolean {
    return this.of[region]?.has(period * 8 + kind) ?? false
  }

  /** Unmarks a bucket; whether it was marked. */
  unmark(kind: number, period: number, region: number): boolean {
    const gone = this.of[region]?.delete(period * 8 + kind) ?? false
    if (gone) this.size--
    return gone
  }

  /**
   * The marked buckets one at a time, as `[kind, period, region]`, read live: a bucket unmarked
   * before it is reached is skipped. The marks stay.
   */
  *marked(): Generator<[kind: number, period: number, region: number]> {
    for (const region of this.regions) for (const pk of this.of[region]!) yield [pk % 8, Math.floor(pk / 8), region]
  }

  /** Clears every mark. */
  clear(): void {
    for (const region of this.regions) this.of[region]!.clear()
    this.regions.clear()
    this.size = 0
  }
}
