/**
 * Day counters outside the hot window (older days, or any day of a grid or community past its few
 * hot ones): read from the state tables on demand. A changed one is held (`changed`) until the
 * checkpoint that writes it is committed, then kept in a cache of the most recently used, so a
 * backfill or late events changing the same old days read each from the tables once. A day with
 * no row is a bucket of zeros (a bucket of zeros is written as no row).
 */
import { LRUCache } from 'lru-cache'
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'
import type { StateTables } from '../store/event-store.ts'
import { bucketPool } from './bucket-pool.ts'
import { bucketKey, decodeBucket, splitBucketKey } from './state-codec.ts'

export class ColdDays {
  tables: StateTables | null = null
  /** Day buckets read from the state tables (for `/metrics`). */
  reads = 0
  /** Changed buckets not committed yet, by region and day. */
  private readonly changed: (Map<number, Float64Array> | undefined)[] = []
  /** Regions with buckets in `changed`. */
  private readonly regions = new Set<number>()
  /** Buckets equal to their rows in the tables, by bucket key. */
  private readonly cache: LRUCache<number, Float64Array>
  /** Regions a committed checkpoint wrote, whose buckets go to the cache a chunk at a time (`settle`). */
  private settling: number[] = []
  private settled = 0

  constructor(
    /** Day kind of each region. */
    private readonly dayKind: Uint8Array,
    /** Whether a bucket changed since the last capture (it stays held). */
    private readonly unsaved: (kind: number, day: number, region: number) => boolean,
    max: number,
  ) {
    this.cache = new LRUCache({
      max,
      // Pushed out, a bucket is free unless it is held (changed, not committed yet). A held bucket
      // stays in the cache too: lru-cache's delete of its last entry clears every slot (O(max)).
      dispose: (b, key, reason) => {
        if (reason !== 'evict') return
        const { period, region } = splitBucketKey(key)
        if (this.held(region, period) !== b) bucketPool.release(b)
      },
    })
  }

  /** A changed bucket not committed yet. */
  held(region: number, day: number): Float64Array | undefined {
    return this.changed[region]?.get(day)
  }

  /** The bucket to read: held, cached, or read from the tables (and cached). */
  get(region: number, day: number): Float64Array | undefined {
    return this.held(region, day) ?? this.stored(region, day)
  }

  /** The bucket as the tables hold it: cached, or read (and cached); none without tables. */
  private stored(region: number, day: number): Float64Array | undefined {
    if (!this.tables) return undefined
    const kind = this.dayKind[region]
    const key = bucketKey(kind, day, region)
    let b = this.cache.get(key)
    if (b) return b
    const bytes = this.tables.bucket(kind, day, region)
    this.reads++
    b = bucketPool.alloc()
    if (bytes) decodeBucket(bytes, BUCKET_FIELDS, b)
    this.cache.set(key, b)
    return b
  }

  /** The bucket to change: held until the checkpoint that writes it is committed. */
  toChange(region: number, day: number): Float64Array {
    let b = this.held(region, day)
    if (b) return b
    b = this.stored(region, day) ?? bucketPool.alloc()
    this.hold(region, day, b)
    return b
  }

  /** Takes a bucket that left the hot window: held when changed since the last capture, else cached. */
  left(region: number, day: number, b: Float64Array, unsaved: boolean): void {
    if (unsaved) this.hold(region, day, b)
    else this.cache.set(bucketKey(this.dayKind[region], day, region), b)
  }

  private hold(region: number, day: number, b: Float64Array): void {
    const m = (this.changed[region] ??= new Map())
    m.set(day, b)
    this.regions.add(region)
  }

  /** The captured buckets are committed: those not changed since go to the cache, by `settle`. */
  persisted(): void {
    this.settling = [...this.regions]
    this.settled = 0
  }

  /** Moves committed buckets to the cache, whole regions until about `max` buckets were looked at; true while some are left. */
  settle(max: number): boolean {
    let n = 0
    while (this.settled < this.settling.length && n < max) {
      const region = this.settling[this.settled++]
      const m = this.changed[region]
      if (!m) continue
      const kind = this.dayKind[region]
      for (const [day, b] of m) {
        n++
        if (this.unsaved(kind, day, region)) continue
        m.delete(day)
        this.cache.set(bucketKey(kind, day, region), b)
      }
      if (!m.size) this.regions.delete(region)
    }
    return this.settled < this.settling.length
  }
}
