/**
 * The counters of every region: day, month and hourly buckets and the now-figures. With state
 * tables, recent days are held in memory (per level) and older ones read from the tables on
 * demand; after a start each of a region's recent days and months is read when first asked for; a changed
 * bucket is marked for the next checkpoint.
 */
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { monthIndex } from '../../shared/time-windows.ts'
import { BucketKind, type StateTables } from '../store/event-store.ts'
import { BucketCopies } from './bucket-copies.ts'
import { BucketMarks } from './bucket-marks.ts'
import { bucketRows, type BucketRowSource } from './bucket-rows.ts'
import { bucketPool, hourPool } from './bucket-pool.ts'
import { ColdDays } from './cold-days.ts'
import { RegionStats, type StoredCounters } from './region-stats.ts'
import { decodeBucket, encodeBucket } from './state-codec.ts'

export interface CounterOptions {
  tree: RegionTree
  /** Daily history kept for regions down to community. @default 400 */
  retentionDays?: number
  /** Daily history kept for grids (months are kept for all, read from the tables on first use). @default 62 */
  gridRetentionDays?: number
  /** With state tables: days of daily counters held in memory (older ones are read on demand). @default 35 */
  hotDays?: number
  /** The same for communities. @default 8 */
  communityHotDays?: number
  /** The same for grids (a grid's wall reads its older days from the tables). @default 2 */
  gridHotDays?: number
  /**
   * Day buckets outside the hot window kept in memory after they were read or written, the most
   * recently used (a backfill or a late event changes the same old days again and again). @default 4 per region, at most 131,072
   */
  coldCacheBuckets?: number
}

const { day: K_DAY, month: K_MONTH, hourly: K_HOURLY, communityDay: K_COMMUNITY_DAY, gridDay: K_GRID_DAY } = BucketKind
const HOURLY_WIDTH = 48

export class RegionCounters implements StoredCounters {
  readonly stats: (RegionStats | undefined)[]
  /** Day number of today (Asia/Shanghai); -1 before the first event or tick. */
  today = -1
  readonly retentionDays: number
  readonly gridRetentionDays: number
  /** Day kind of each region. */
  readonly dayKind: Uint8Array
  /** Months the state tables held at the start (none: the tables were empty, nothing to read on first use). */
  private monthSpan: { first: number; last: number } | null = null
  /** Regions whose counters were read from the state tables on first use (for `/metrics`). */
  loads = 0
  /** Buckets changed since the last checkpoint (marked only with state tables). */
  private dirty = new BucketMarks()
  /**
   * Buckets of the checkpoint being encoded that are not encoded yet. The capture copies nothing:
   * a bucket about to change (or leave memory) before it is encoded is copied first, into `copies`.
   */
  private captured = new BucketMarks()
  /** Values of captured buckets as they were at the capture (null: no bucket), taken just before they change. */
  private readonly copies = new BucketCopies()
  private tables: StateTables | null = null
  /** Days held in memory, by day kind. */
  private readonly hotDays: number[] = []
  /** Day buckets outside the hot window (`cold-days.ts`). */
  readonly cold: ColdDays
  private readonly monthOf = new Map<number, number>()

  constructor(opts: CounterOptions) {
    this.stats = new Array(opts.tree.size)
    this.retentionDays = opts.retentionDays ?? 400
    this.gridRetentionDays = opts.gridRetentionDays ?? 62
    const hot = opts.hotDays ?? 35
    this.hotDays[K_DAY] = hot
    this.hotDays[K_COMMUNITY_DAY] = Math.min(opts.communityHotDays ?? 8, hot)
    this.hotDays[K_GRID_DAY] = Math.min(opts.gridHotDays ?? 2, hot)
    this.dayKind = Uint8Array.from(opts.tree.nodes, (n) => (n.level === 'grid' ? K_GRID_DAY : n.level === 'community' ? K_COMMUNITY_DAY : K_DAY))
    this.cold = new ColdDays(this.dayKind, (kind, day, region) => this.dirty.has(kind, day, region), opts.coldCacheBuckets ?? Math.min(131_072, Math.max(4096, 4 * opts.tree.size)))
  }

  /** Keeps the counters as rows in `tables` from now on: changes are tracked for checkpoints. */
  track(tables: StateTables): void {
    this.tables = tables
    this.cold.tables = tables
  }

  /** Buckets changed since the last checkpoint. */
  get unsaved(): number {
    return this.dirty.size
  }

  /** Marks bucket (`kind`, `period`) of region `index` changed since the last checkpoint. */
  private mark(kind: number, period: number, index: number): void {
    if (!this.tables) return
    if (this.captured.size) this.preserve(kind, period, index)
    this.dirty.mark(kind, period, index)
  }

  /** Before bucket (`kind`, `period`) of region `index` changes or leaves: a copy for the checkpoint being encoded. */
  private preserve(kind: number, period: number, index: number): void {
    if (!this.captured.unmark(kind, period, index)) return
    const b = this.bucketOf(kind, period, index)
    this.copies.keep(kind, period, index, b)
  }

  /** The bucket held in memory, if any. */
  private bucketOf(kind: number, period: number, index: number): Float64Array | undefined {
    const s = this.stats[index]
    if (kind === K_MONTH) return s?.monthsInMemory.get(period)
    if (kind === K_HOURLY) return s?.hourly.get(period)
    return s?.daysInMemory.get(period) ?? this.cold.held(index, period)
  }

  statsOf(index: number): RegionStats {
    let s = this.stats[index]
    if (!s) {
      s = this.stats[index] = new RegionStats(index)
      s.cold = (day) => (day < this.hotFromOf(index) ? this.cold.get(index, day) : undefined)
      if (this.monthSpan) s.readFrom(this)
    }
    return s
  }

  /** Month number of a day number (cached: asked for on every change). */
  month(day: number): number {
    let m = this.monthOf.get(day)
    if (m === undefined) this.monthOf.set(day, (m = monthIndex(day)))
    return m
  }

  /** Whether region `index` keeps a day bucket for `day` (daily history is kept for a while only). */
  keepsDay(index: number, day: number): boolean {
    return day > this.today - (this.dayKind[index] === K_GRID_DAY ? this.gridRetentionDays : this.retentionDays)
  }

  /** The bucket of region `index` for a kept `day`, to change: in memory, or read back from the tables. */
  dayToChange(index: number, day: number): Float64Array {
    this.mark(this.dayKind[index], day, index)
    return day >= this.hotFromOf(index) ? this.statsOf(index).day(day) : this.cold.toChange(index, day)
  }

  /** The month bucket of region `index`, to change. */
  monthToChange(index: number, month: number): Float64Array {
    this.mark(K_MONTH, month, index)
    return this.statsOf(index).month(month)
  }

  /** The hourly series of region `index` for `day`, to change. */
  hoursToChange(index: number, day: number): Float64Array {
    this.mark(K_HOURLY, day, index)
    return this.statsOf(index).hours(day)
  }

  /** First day of region `index` held in memory. */
  private hotFromOf(index: number): number {
    return this.hotFromKind(this.dayKind[index])
  }

  private hotFromKind(kind: number): number {
    return this.tables ? this.today - this.hotDays[kind] + 1 : -Infinity
  }

  /** Day rollover to `today`: hourly series before yesterday go, days leave memory or history. */
  rollover(today: number, tree: RegionTree): void {
    this.today = today
    for (let i = 0; i < this.stats.length; i++) {
      const s = this.stats[i]
      if (!s) continue
      s.version++
      for (const d of s.hourly.keys()) {
        if (d >= today - 1) continue
        this.mark(K_HOURLY, d, i)
        hourPool.release(s.hourly.get(d)!)
        s.hourly.delete(d)
      }
      const keep = tree.nodes[i].level === 'grid' ? this.gridRetentionDays : this.retentionDays
      const from = this.hotFromOf(i)
      // Days never read stay in the tables: one below the hot window is read as a cold day.
      const days = s.daysInMemory
      for (const [d, b] of days) {
        if (d > today - keep && d >= from) continue
        // Leaves memory; a change not yet written goes with the next checkpoint.
        const unsaved = d > today - keep && this.dirty.has(this.dayKind[i], d, i)
        if (!unsaved && this.captured.size) this.preserve(this.dayKind[i], d, i)
        days.delete(d)
        if (d > today - keep) this.cold.left(i, d, b, unsaved)
        else bucketPool.release(b)
      }
    }
  }

  /**
   * Takes the buckets changed since the last checkpoint as they are now. Nothing is copied here:
   * the rows are encoded a slice at a time from memory, and a bucket about to change before its
   * slice is copied first (`preserve`), so the rows are the values at the capture.
   */
  capture(): BucketRowSource {
    this.assertEncoded()
    // What the last commit wrote leaves `held` first: what is held from here on is this capture's.
    this.cold.settle(Infinity)
    const captured = this.dirty
    this.dirty = this.captured
    this.captured = captured
    return bucketRows(captured, this.copies, (kind, period, region) => this.bucketOf(kind, period, region), encodeBucket)
  }

  /** One capture at a time: the last one's rows are all encoded (or the checkpoint drained) first. */
  private assertEncoded(): void {
    if (this.captured.size || this.copies.size) throw new Error('counters captured again before the last capture was encoded')
  }

  /** The captured buckets are committed: cold buckets not changed since go to the cache (`settle`). */
  persisted(): void {
    this.cold.persisted()
  }

  /** Region `index`'s stored bucket of a day of its hot window or a month the tables held at the start (`RegionStats`). */
  readStored(index: number, month: boolean, period: number): Float64Array | undefined {
    const [first, last] = this.storedSpan(index, month)
    if (period < first || period > last || !this.tables) return undefined
    const v = this.tables.bucket(month ? K_MONTH : this.dayKind[index], period, index)
    return v ? decodeBucket(v, BUCKET_FIELDS, bucketPool.alloc()) : undefined
  }

  /** The periods {@link readStored} may find: days held in memory up to tomorrow (an event may be a few minutes ahead), months of the start's span. */
  storedSpan(index: number, month: boolean): readonly [number, number] {
    if (month) return this.monthSpan ? [this.monthSpan.first, this.monthSpan.last] : [0, -1]
    return [this.hotFromOf(index), this.today + 1]
  }

  firstRead(): void {
    this.loads++
  }

  /**
   * Loads the hourly series from the state tables. A region's days and months are read one by one
   * when first asked for (every change and read goes through `RegionStats`), so a start reads no
   * region's counters, however long the history, and a region changed reads only the buckets it changes.
   */
  load(tables: StateTables, today: number): void {
    this.track(tables)
    this.today = today
    this.monthSpan = tables.span(K_MONTH) ?? null
    for (const row of tables.buckets(K_HOURLY, today - 1)) this.statsOf(row.region).hourly.set(row.period, decodeBucket(row.v, HOURLY_WIDTH, hourPool.alloc()))
  }
}
