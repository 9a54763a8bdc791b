/**
 * Copies of a checkpoint's captured buckets, taken just before a bucket changes or leaves memory,
 * so the checkpoint writes the values at its capture. Kept per region and keyed by
 * `period * 8 + kind`: small integers, where one map keyed by whole bucket keys (heap numbers)
 * costs about 0.6 µs a set and stops the event loop for hundreds of milliseconds each time it grows
 * past a million entries. The copies are carved from shared slabs, not an ArrayBuffer each.
 */

/** Float64 values per slab. */
const SLAB = 1 << 14

export type CopiedBucket = [kind: number, period: number, region: number, bucket: Float64Array | null]

export class BucketCopies {
  private readonly of: (Map<number, Float64Array | null> | undefined)[] = []
  /** Regions with copies (a region emptied stays listed until the copies are drained). */
  private readonly regions = new Set<number>()
  private slab = new Float64Array(0)
  private used = 0
  /** Copies kept. */
  size = 0

  /** Keeps the values of bucket (`kind`, `period`, `region`) as they are now; null: there is no such bucket. */
  keep(kind: number, period: number, region: number, b: Float64Array | null | undefined): void {
    let m = this.of[region]
    if (!m) {
      m = this.of[region] = new Map()
      this.regions.add(region)
    }
    const k = period * 8 + kind
    if (!m.has(k)) this.size++
    m.set(k, b ? this.copy(b) : null)
  }

  private copy(b: Float64Array): Float64Array {
    if (this.used + b.length > this.slab.length) {
      this.slab = new Float64Array(Math.max(SLAB, b.length))
      this.used = 0
    }
    const out = this.slab.subarray(this.used, this.used + b.length)
    out.set(b)
    this.used += b.length
    return out
  }

  /** Hands out every copy, each removed as it goes; the slabs are released once all are handed out. */
  *drain(): Generator<CopiedBucket> {
    for (const region of this.regions) {
      const m = this.of[region]!
      for (const [k, b] of m) {
        m.delete(k)
        this.size--
        yield [k % 8, Math.floor(k / 8), region, b]
      }
      this.of[region] = undefined
      this.regions.delete(region)
    }
    this.slab = new Float64Array(0)
    this.used = 0
  }
}
