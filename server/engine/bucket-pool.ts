/**
 * Counter buckets carved from shared slabs: one ArrayBuffer per 1,024 buckets rather than one
 * each (a small ArrayBuffer costs about as much again as its data). Released buckets are zeroed
 * and handed out again, so the slabs stay as large as the most buckets held at once.
 */
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'

/** Free buckets kept for reuse at most (a day's turnover of a province). */
const MAX_FREE = 1 << 18

export class BucketPool {
  private slab: Float64Array | null = null
  private next = 0
  private readonly free: Float64Array[] = []

  constructor(
    readonly width: number,
    private readonly perSlab = 1024,
  ) {}

  /** A zeroed bucket. */
  alloc(): Float64Array {
    const f = this.free.pop()
    if (f) return f
    if (!this.slab || this.next === this.perSlab) {
      this.slab = new Float64Array(this.width * this.perSlab)
      this.next = 0
    }
    return this.slab.subarray(this.next * this.width, ++this.next * this.width)
  }

  /** Takes back a bucket of this pool no one holds any more (others are left to the GC). */
  release(b: Float64Array): void {
    if (b.buffer.byteLength !== this.width * this.perSlab * 8 || this.free.length >= MAX_FREE) return
    b.fill(0)
    this.free.push(b)
  }
}

/** Day and month buckets. */
export const bucketPool = new BucketPool(BUCKET_FIELDS)
/** Hourly series (24 accepted, 24 completed). */
export const hourPool = new BucketPool(48)
