/**
 * Buckets changed since the last checkpoint, marked per region as `period * 8 + kind`: small
 * integers, so marking a bucket on the hot path allocates nothing (a bucket key of all three
 * would not fit a small integer).
 */
import { bucketKey } from './state-codec.ts'

export class BucketMarks {
  private readonly of: (Set<number> | undefined)[] = []
  private regions: number[] = []
  /** Buckets marked. */
  size = 0

  mark(kind: number, period: number, region: number): void {
    const s = (this.of[region] ??= new Set())
    const n = s.size
    s.add(period * 8 + kind)
    if (s.size === n) return
    this.size++
    if (n === 0) this.regions.push(region)
  }

  has(kind: number, period: number, region: number): boolean {
    return this.of[region]?.has(period * 8 + kind) ?? false
  }

  /** The marked buckets as bucket keys (`state-codec.ts`); the marks are cleared. */
  take(): Float64Array {
    const keys = new Float64Array(this.size)
    let n = 0
    for (const region of this.regions) {
      const s = this.of[region]!
      for (const pk of s) keys[n++] = bucketKey(pk % 8, Math.floor(pk / 8), region)
      s.clear()
    }
    this.regions = []
    this.size = 0
    return keys
  }
}
