/**
 * Counter buckets carved from shared slabs: one ArrayBuffer per 1,024 buckets rather than one
 * each (a small ArrayBuffer costs about as much again as its data, and hundreds of thousands of
 * them lengthen every garbage collection, which sweeps them). Released buckets are zeroed and
 * handed out again, so the slabs stay as large as the most buckets held at once.
 */
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'

/** Free buckets kept for reuse at most (a day's turnover of a province). */
const MAX_FREE = 1 << 18

type Counts = Float64Array | Uint16Array

export class SlabPool<T extends Counts> {
  private slab: T | null = null
  private next = 0
  private readonly free: T[] = []

  constructor(
    private readonly make: (length: number) => T,
    readonly width: number,
    private readonly perSlab = 1024,
  ) {}

  /** A zeroed bucket. */
  alloc(): T {
    const f = this.free.pop()
    if (f) return f
    if (!this.slab || this.next === this.perSlab) {
      this.slab = this.make(this.width * this.perSlab)
      this.next = 0
    }
    return this.slab.subarray(this.next * this.width, ++this.next * this.width) as T
  }

  /** Takes back a bucket of this pool no one holds any more (others are left to the GC). */
  release(b: T): void {
    if (b.buffer.byteLength !== this.width * this.perSlab * b.BYTES_PER_ELEMENT || this.free.length >= MAX_FREE) return
    b.fill(0)
    this.free.push(b)
  }
}

export class BucketPool extends SlabPool<Float64Array> {
  constructor(width: number, perSlab = 1024) {
    super((n) => new Float64Array(n), width, perSlab)
  }
}

/** Day and month buckets. */
export const bucketPool = new BucketPool(BUCKET_FIELDS)
/** Hourly series (24 accepted, 24 completed). */
export const hourPool = new BucketPool(48)
