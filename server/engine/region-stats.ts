/** Counters of one region: day and month buckets, hourly series of recent days, and now-figures. */
import { bucketPool, hourPool } from './bucket-pool.ts'

/** Where a region's counters were stored before a start (the state tables), read after it bucket by bucket. */
export interface StoredCounters {
  /** Region `index`'s stored bucket of a day (of its hot window) or month (`month` true) it may hold; undefined when none. */
  readStored(index: number, month: boolean, period: number): Float64Array | undefined
  /** The days or months {@link readStored} may find for region `index`: [first, last]. */
  storedSpan(index: number, month: boolean): readonly [number, number]
  /** Told before region `index`'s first bucket is read (for `/metrics`). */
  firstRead(index: number): void
}

export class RegionStats {
  private readonly daysHeld = new Map<number, Float64Array>()
  private readonly monthsHeld = new Map<number, Float64Array>()
  /**
   * Set after a start from tables (a start reads no region's counters): each day and month is read
   * from the tables once, when first asked for; `days` and `months` read all that are left.
   */
  private stored: StoredCounters | null = null
  /** Days and months (disjoint numbers: months < 10⁴ ≤ days) asked for since `stored` was set. */
  private asked: Set<number> | null = null
  /** 48 values per day: accepted per hour, then completed per hour. */
  readonly hourly = new Map<number, Float64Array>()
  open = 0
  overdue = 0
  onDuty = 0
  /** Bumped on every change, so pushes and caches know when figures moved. */
  version = 0
  /** Reads a day no longer held in memory (set by the aggregator when state lives in tables). */
  cold: ((day: number) => Float64Array | undefined) | null = null

  constructor(private readonly index = -1) {}

  /** From now on, buckets not in memory are first looked for in `stored`. */
  readFrom(stored: StoredCounters): void {
    this.stored = stored
    this.asked = null
  }

  /** Day buckets held in memory (the recent ones), all of them read from the tables first. */
  get days(): Map<number, Float64Array> {
    this.readAll()
    return this.daysHeld
  }

  /** Month buckets: all of the region's months, all of them read from the tables first. */
  get months(): Map<number, Float64Array> {
    this.readAll()
    return this.monthsHeld
  }

  /** Day buckets in memory now, none read: what rollover moves out and a capture encodes. */
  get daysInMemory(): Map<number, Float64Array> {
    return this.daysHeld
  }

  /** Month buckets in memory now, none read. */
  get monthsInMemory(): Map<number, Float64Array> {
    return this.monthsHeld
  }

  /** The day's bucket held in memory (read from the tables on first ask), if any. */
  heldDay(day: number): Float64Array | undefined {
    return this.daysHeld.get(day) ?? this.ask(false, day)
  }

  /** The month's bucket (read from the tables on first ask), if any. */
  monthAt(month: number): Float64Array | undefined {
    return this.monthsHeld.get(month) ?? this.ask(true, month)
  }

  /** The day's bucket, from memory or, for an older day, from the state tables. */
  dayAt(day: number): Float64Array | undefined {
    return this.heldDay(day) ?? this.cold?.(day)
  }

  day(day: number): Float64Array {
    let b = this.heldDay(day)
    if (!b) this.daysHeld.set(day, (b = bucketPool.alloc()))
    return b
  }

  month(month: number): Float64Array {
    let b = this.monthAt(month)
    if (!b) this.monthsHeld.set(month, (b = bucketPool.alloc()))
    return b
  }

  hours(day: number): Float64Array {
    let b = this.hourly.get(day)
    if (!b) this.hourly.set(day, (b = hourPool.alloc()))
    return b
  }

  /** Reads a bucket not in memory from the tables, once. */
  private ask(month: boolean, period: number): Float64Array | undefined {
    const stored = this.stored
    if (!stored) return undefined
    let asked = this.asked
    if (!asked) {
      asked = this.asked = new Set()
      stored.firstRead(this.index)
    }
    if (asked.has(period)) return undefined
    asked.add(period)
    const b = stored.readStored(this.index, month, period)
    if (b) (month ? this.monthsHeld : this.daysHeld).set(period, b)
    return b
  }

  /** Reads every bucket not asked for yet; the tables are not read again. */
  private readAll(): void {
    const stored = this.stored
    if (!stored) return
    for (const month of [false, true]) {
      const [first, last] = stored.storedSpan(this.index, month)
      for (let p = first; p <= last; p++) if (!(month ? this.monthsHeld : this.daysHeld).has(p)) this.ask(month, p)
    }
    this.stored = null
    this.asked = null
  }
}
