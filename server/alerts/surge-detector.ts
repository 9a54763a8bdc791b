/**
 * Surge (突发) detection: a region's requests of one category in the last hour exceed
 * max(10, 3 × its average for that hour of day over the last 7 days) (`shared/kpi/surge.ts`).
 *
 * Each series (region × category) counts creations per absolute hour in a ring of 8 days shared
 * by all series: when the clock enters a new hour, that hour's slot is cleared in every series,
 * so a slot needs no stamp (384 bytes a series). A series quiet for 8 days is dropped.
 *
 * After a start the stored series are not read at once (a province has over a hundred thousand):
 * a series is read when a creation first reaches it, and the rest a page at a time by `sweep`.
 */
import { CATEGORIES } from '../../shared/categories.ts'
import { SURGE_ALERT_FACTOR, SURGE_ALERT_MIN, surgeAlertThreshold } from '../../shared/kpi/surge.ts'
import { HOUR_MS } from '../../shared/time-windows.ts'
import { SlabPool } from '../engine/bucket-pool.ts'
import { CapturedRows } from '../engine/captured-rows.ts'
import type { StateTables } from '../store/event-store.ts'

const HOURS_KEPT = 8 * 24
/** The series' rings, carved from shared slabs (a province has over a hundred thousand series). */
const rings = new SlabPool<Uint16Array>((n) => new Uint16Array(n), HOURS_KEPT)

export interface SurgeOptions {
  /** @default SURGE_ALERT_MIN (10) */
  minCount?: number
  /** @default SURGE_ALERT_FACTOR (3) */
  factor?: number
  /** Regions at these depths (0 = root) are watched. */
  watch: (region: number) => boolean
}

export interface Surge {
  region: number
  category: number
  count: number
  threshold: number
  /** Creation time of the request that tipped it (the same in every process applying the log). */
  at: number
}

interface Series {
  /** Counts per absolute hour `h` at slot `h % HOURS_KEPT`, for the hours of the ring. */
  hours: Uint16Array
  /** Last hour counted. */
  last: number
  /** Creation times, ascending, from `start` on (earlier ones have left the hour). */
  recent: number[]
  start: number
  lastAlert: number
}

type Row = { k: string; v: Uint8Array | null }

/** The stored rows of the series (the state tables' `s:` rows). */
export type StoredSeries = Pick<StateTables, 'kvGet' | 'kvPage'>
const PREFIX = 's:'
/** Stored series read in one statement by the sweep. */
const PAGE = 256

export class SurgeDetector {
  private readonly series = new Map<number, Series>()
  /** Series changed since the last `captureRows`. */
  private dirty = new Set<number>()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturing: CapturedRows<number, Row> | null = null
  /** Newest hour of the ring (the clock's hour plus one, for events up to 5 minutes ahead). */
  private ringHour = -Infinity
  private readonly minCount: number
  private readonly factor: number
  /** Series stored before the start, until the sweep has read them all. */
  private stored: StoredSeries | null = null
  /** Keys looked for in `stored` on first use, before the sweep reached them. */
  private fetched = new Set<number>()
  /** Last stored key the sweep read. */
  private sweptTo = PREFIX

  constructor(private readonly opts: SurgeOptions) {
    this.minCount = opts.minCount ?? SURGE_ALERT_MIN
    this.factor = opts.factor ?? SURGE_ALERT_FACTOR
  }

  /**
   * Records a creation in every watched region of `chain` (the region first, then its ancestors);
   * returns the surge it completes, when `now` is live: one event, one alert, at the deepest region
   * surging. An ancestor over its threshold while a region below it in the chain alerted within the
   * hour is the same event: it is marked alerted and not reported again.
   */
  record(chain: Int32Array, category: number, at: number, now: number): Surge[] {
    const out: Surge[] = []
    let covered = false
    this.advance(now)
    const hour = Math.floor(at / HOUR_MS)
    if (hour <= this.ringHour - HOURS_KEPT || hour > this.ringHour) return out
    for (let i = 0; i < chain.length; i++) {
      const region = chain[i]
      if (!this.opts.watch(region)) continue
      const key = region * CATEGORIES.length + category
      this.capturing?.touch(key)
      let s = this.series.get(key) ?? (this.stored ? this.fetch(key) : undefined)
      if (!s) {
        s = { hours: rings.alloc(), last: hour, recent: [], start: 0, lastAlert: -Infinity }
        this.series.set(key, s)
      }
      this.dirty.add(key)
      s.hours[hour % HOURS_KEPT]++
      if (hour > s.last) s.last = hour
      if (at <= now - HOUR_MS || at > now + 5 * 60_000) continue
      // Binary search: O(log n) per creation, whatever the last hour holds.
      const r = s.recent
      r.splice(upperBound(r, at, s.start), 0, at)
      s.start = upperBound(r, now - HOUR_MS, s.start)
      if (s.start > 64 && s.start * 2 > r.length) {
        s.recent = r.slice(s.start)
        s.start = 0
      }
      const count = s.recent.length - s.start
      const threshold = surgeAlertThreshold(this.average(s, now), this.minCount, this.factor)
      const recent = now - s.lastAlert < HOUR_MS
      if (count > threshold && !recent) {
        s.lastAlert = now
        if (!covered) out.push({ region, category, count, threshold, at })
      }
      if (recent || count > threshold) covered = true
    }
    return out
  }

  /** Moves the ring to the clock's hour: clears the slots of the hours entered, drops quiet series. */
  private advance(now: number): void {
    const target = Math.floor(now / HOUR_MS) + 1
    if (target <= this.ringHour) return
    const from = this.ringHour
    this.ringHour = target
    if (from === -Infinity) return
    const steps = Math.min(target - from, HOURS_KEPT)
    for (const [key, s] of this.series) {
      this.capturing?.touch(key)
      // Quiet: no hour in the ring, no creation within the last hour (those before the last hour count no more).
      if (s.last <= target - HOURS_KEPT && (s.recent.length === s.start || s.recent[s.recent.length - 1] <= (target - 2) * HOUR_MS)) {
        this.series.delete(key)
        rings.release(s.hours)
        this.dirty.add(key)
        continue
      }
      if (steps === HOURS_KEPT) s.hours.fill(0)
      else for (let h = target - steps + 1; h <= target; h++) s.hours[h % HOURS_KEPT] = 0
    }
  }

  /**
   * Takes the changed series as they are now, copying nothing, and returns a function that encodes
   * them `max` at a time, null when done (a series about to change first). A row: last alert, the
   * last hour's times, then (hour, count) of each counted hour.
   */
  captureRows(): (max: number) => Row[] | null {
    const ring = this.ringHour
    const captured = (this.capturing = new CapturedRows(this.dirty, (key) => this.row(key, ring)))
    this.dirty = new Set()
    return (max) => {
      const rows: Row[] = []
      captured.fill(rows, max)
      if (captured.done && this.capturing === captured) this.capturing = null
      return rows.length ? rows : null
    }
  }

  /** Series `key` as a row, its hours those of the ring ending at hour `ring`. */
  private row(key: number, ring: number): Row {
    const s = this.series.get(key)
    if (!s) return { k: `s:${key}`, v: null }
    const out: number[] = [s.lastAlert === -Infinity ? -1 : s.lastAlert, s.recent.length - s.start]
    for (let i = s.start; i < s.recent.length; i++) out.push(s.recent[i])
    for (let h = ring - HOURS_KEPT + 1; h <= ring; h++) if (s.hours[h % HOURS_KEPT]) out.push(h, s.hours[h % HOURS_KEPT])
    return { k: `${PREFIX}${key}`, v: new Uint8Array(Float64Array.from(out).buffer) }
  }

  /**
   * Reads the series written by `captureRows` from `stored` from now on (as of `now`): each when a
   * creation first reaches it, the others a page at a time by {@link sweep}.
   */
  open(stored: StoredSeries, now: number): void {
    this.advance(now)
    this.stored = stored
    this.sweptTo = PREFIX
    this.fetched.clear()
  }

  /** Reads stored series not read yet for about `ms` (the engine's tick); true when all are read. */
  sweep(ms = 4): boolean {
    const stored = this.stored
    if (!stored) return true
    const until = performance.now() + ms
    do {
      const page = stored.kvPage(PREFIX, this.sweptTo, PAGE)
      if (!page.length) {
        this.stored = null
        this.fetched.clear()
        return true
      }
      for (const { k, v } of page) {
        const key = Number(k.slice(PREFIX.length))
        // A series read on first use, or begun since the start, is newer than its row.
        if (!this.series.has(key) && !this.fetched.has(key)) this.loadRow(key, v)
      }
      this.sweptTo = page[page.length - 1].k
    } while (performance.now() < until)
    return false
  }

  /** Whether stored series are left for {@link sweep}. */
  get unswept(): boolean {
    return this.stored !== null
  }

  /** The stored series `key` on its first use, if it has one. */
  private fetch(key: number): Series | undefined {
    if (this.fetched.has(key)) return undefined
    this.fetched.add(key)
    const v = this.stored!.kvGet(`${PREFIX}${key}`)
    if (v) this.loadRow(key, v)
    return this.series.get(key)
  }

  /** A stored row into memory; a series quiet for the ring's 8 days is deleted from the tables instead. */
  private loadRow(key: number, v: Uint8Array): void {
    const f = new Float64Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength))
    const n = f[1]
    this.load(key, f[0] < 0 ? -Infinity : f[0], Array.from(f.subarray(2, 2 + n)), Array.from(f.subarray(2 + n)))
    if (this.series.has(key)) return
    this.capturing?.touch(key)
    this.dirty.add(key)
  }

  private load(key: number, lastAlert: number, times: number[], pairs: number[]): void {
    // Creations before the clock's last hour count no more.
    const recent = times.filter((t) => t > (this.ringHour - 2) * HOUR_MS)
    const s: Series = { hours: rings.alloc(), last: -Infinity, recent, start: 0, lastAlert }
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const h = pairs[i]
      if (h <= this.ringHour - HOURS_KEPT || h > this.ringHour) continue
      s.hours[h % HOURS_KEPT] = pairs[i + 1]
      if (h > s.last) s.last = h
    }
    if (s.last === -Infinity && !recent.length) return rings.release(s.hours)
    this.series.set(key, s)
  }

  /** Average count for the current hour of day over the previous 7 days. */
  private average(s: Series, now: number): number {
    const hour = Math.floor(now / HOUR_MS)
    let sum = 0
    for (let d = 1; d <= 7; d++) sum += s.hours[(hour - 24 * d) % HOURS_KEPT]
    return sum / 7
  }
}

/** First index ≥ `from` whose value is greater than `x` in the ascending array `a`. */
function upperBound(a: number[], x: number, from: number): number {
  let lo = from
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a[mid] <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
