/** Counters of one region: day and month buckets, hourly series of recent days, and now-figures. */
import { bucketPool, hourPool } from './bucket-pool.ts'

export class RegionStats {
  private readonly daysHeld = new Map<number, Float64Array>()
  private readonly monthsHeld = new Map<number, Float64Array>()
  /**
   * Reads the region's days held in memory and its months from the state tables, once, on first
   * use (set after a start from tables: a start reads no region's counters).
   */
  pending: ((days: Map<number, Float64Array>, months: Map<number, Float64Array>) => void) | null = null
  /** 48 values per day: accepted per hour, then completed per hour. */
  readonly hourly = new Map<number, Float64Array>()
  open = 0
  overdue = 0
  onDuty = 0
  /** Bumped on every change, so pushes and caches know when figures moved. */
  version = 0
  /** Reads a day no longer held in memory (set by the aggregator when state lives in tables). */
  cold: ((day: number) => Float64Array | undefined) | null = null

  /** Day buckets held in memory (the recent ones; read from the state tables before first use). */
  get days(): Map<number, Float64Array> {
    if (this.pending) this.read(this.pending)
    return this.daysHeld
  }

  /** Month buckets: all of the region's months (read from the state tables before first use). */
  get months(): Map<number, Float64Array> {
    if (this.pending) this.read(this.pending)
    return this.monthsHeld
  }

  private read(load: NonNullable<RegionStats['pending']>): void {
    this.pending = null
    load(this.daysHeld, this.monthsHeld)
  }

  /** The day's bucket, from memory or, for an older day, from the state tables. */
  dayAt(day: number): Float64Array | undefined {
    return this.days.get(day) ?? this.cold?.(day)
  }

  day(day: number): Float64Array {
    let b = this.days.get(day)
    if (!b) this.days.set(day, (b = bucketPool.alloc()))
    return b
  }

  month(month: number): Float64Array {
    let b = this.months.get(month)
    if (!b) this.months.set(month, (b = bucketPool.alloc()))
    return b
  }

  hours(day: number): Float64Array {
    let b = this.hourly.get(day)
    if (!b) this.hourly.set(day, (b = hourPool.alloc()))
    return b
  }
}
