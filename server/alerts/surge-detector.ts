/**
 * Surge (突发) detection: a region's requests of one category in the last hour exceed
 * max(10, 3 × its average for that hour of day over the last 7 days).
 */
import { CATEGORIES } from '../../shared/categories.ts'
import { HOUR_MS } from '../../shared/time-windows.ts'

const HOURS_KEPT = 8 * 24

export interface SurgeOptions {
  /** @default 10 */
  minCount?: number
  /** @default 3 */
  factor?: number
  /** Regions at these depths (0 = root) are watched. */
  watch: (region: number) => boolean
}

/** Checkpoint form of the detector. */
export interface SurgeState {
  keys: number[]
  recent: number[][]
  lastAlert: (number | null)[]
  hours: Uint32Array
  stamps: Float64Array
}

export interface Surge {
  region: number
  category: number
  count: number
  threshold: number
  at: number
}

interface Series {
  /** Counts per absolute hour, ring of 8 days. */
  hours: Uint16Array
  stamps: Float64Array
  /** Creation times, ascending, from `start` on (earlier ones have left the hour). */
  recent: number[]
  start: number
  lastAlert: number
}

export class SurgeDetector {
  private readonly series = new Map<number, Series>()
  /** Series changed since the last `takeRows`. */
  private readonly dirty = new Set<number>()
  private readonly minCount: number
  private readonly factor: number

  constructor(private readonly opts: SurgeOptions) {
    this.minCount = opts.minCount ?? 10
    this.factor = opts.factor ?? 3
  }

  /** Records a creation in every watched region of `chain`; returns the surges it completes (when `now` is live). */
  record(chain: Int32Array, category: number, at: number, now: number): Surge[] {
    const out: Surge[] = []
    const hour = Math.floor(at / HOUR_MS)
    if (hour <= Math.floor(now / HOUR_MS) - HOURS_KEPT) return out
    for (let i = 0; i < chain.length; i++) {
      const region = chain[i]
      if (!this.opts.watch(region)) continue
      const key = region * CATEGORIES.length + category
      let s = this.series.get(key)
      if (!s) {
        s = { hours: new Uint16Array(HOURS_KEPT), stamps: new Float64Array(HOURS_KEPT).fill(-1), recent: [], start: 0, lastAlert: -Infinity }
        this.series.set(key, s)
      }
      this.dirty.add(key)
      const slot = hour % HOURS_KEPT
      if (s.stamps[slot] !== hour) {
        s.stamps[slot] = hour
        s.hours[slot] = 0
      }
      s.hours[slot]++
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
      const threshold = Math.max(this.minCount, this.factor * this.average(s, now))
      if (count > threshold && now - s.lastAlert >= HOUR_MS) {
        s.lastAlert = now
        out.push({ region, category, count, threshold, at: now })
      }
    }
    return out
  }

  /** Columns for checkpoints. */
  toState(): SurgeState {
    const list = [...this.series]
    const hours = new Uint32Array(list.length * HOURS_KEPT)
    const stamps = new Float64Array(list.length * HOURS_KEPT)
    list.forEach(([, s], i) => {
      hours.set(s.hours, i * HOURS_KEPT)
      stamps.set(s.stamps, i * HOURS_KEPT)
    })
    return {
      keys: list.map(([k]) => k),
      recent: list.map(([, s]) => s.recent.slice(s.start)),
      lastAlert: list.map(([, s]) => (s.lastAlert === -Infinity ? null : s.lastAlert)),
      hours,
      stamps,
    }
  }

  fromState(st: SurgeState): void {
    st.keys.forEach((k, i) => {
      this.series.set(k, {
        hours: Uint16Array.from(st.hours.subarray(i * HOURS_KEPT, (i + 1) * HOURS_KEPT)),
        stamps: st.stamps.slice(i * HOURS_KEPT, (i + 1) * HOURS_KEPT),
        recent: st.recent[i],
        start: 0,
        lastAlert: st.lastAlert[i] ?? -Infinity,
      })
    })
  }

  /** Changed series as rows: last alert, the last hour's times, then (hour, count) of each kept hour. */
  takeRows(): { k: string; v: Uint8Array | null }[] {
    const rows: { k: string; v: Uint8Array | null }[] = []
    for (const key of this.dirty) {
      const s = this.series.get(key)
      if (!s) {
        rows.push({ k: `s:${key}`, v: null })
        continue
      }
      const recent = s.recent.length - s.start
      const out: number[] = [s.lastAlert === -Infinity ? -1 : s.lastAlert, recent]
      for (let i = s.start; i < s.recent.length; i++) out.push(s.recent[i])
      for (let i = 0; i < HOURS_KEPT; i++) if (s.stamps[i] >= 0) out.push(s.stamps[i], s.hours[i])
      rows.push({ k: `s:${key}`, v: new Uint8Array(Float64Array.from(out).buffer) })
    }
    this.dirty.clear()
    return rows
  }

  /** Loads series written by `takeRows`. */
  loadRows(rows: Iterable<{ k: string; v: Uint8Array }>): void {
    for (const { k, v } of rows) {
      const f = new Float64Array(v.slice().buffer)
      const s: Series = { hours: new Uint16Array(HOURS_KEPT), stamps: new Float64Array(HOURS_KEPT).fill(-1), recent: [], start: 0, lastAlert: f[0] < 0 ? -Infinity : f[0] }
      const n = f[1]
      s.recent = Array.from(f.subarray(2, 2 + n))
      for (let i = 2 + n; i + 1 < f.length; i += 2) {
        const slot = f[i] % HOURS_KEPT
        s.stamps[slot] = f[i]
        s.hours[slot] = f[i + 1]
      }
      this.series.set(Number(k.slice(2)), s)
    }
  }

  /** Average count for the current hour of day over the previous 7 days. */
  private average(s: Series, now: number): number {
    const hour = Math.floor(now / HOUR_MS)
    let sum = 0
    for (let d = 1; d <= 7; d++) {
      const h = hour - 24 * d
      const slot = h % HOURS_KEPT
      if (s.stamps[slot] === h) sum += s.hours[slot]
    }
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
