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
  /** Creation times within the last hour, ascending. */
  recent: number[]
  lastAlert: number
}

export class SurgeDetector {
  private readonly series = new Map<number, Series>()
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
        s = { hours: new Uint16Array(HOURS_KEPT), stamps: new Float64Array(HOURS_KEPT).fill(-1), recent: [], lastAlert: -Infinity }
        this.series.set(key, s)
      }
      const slot = hour % HOURS_KEPT
      if (s.stamps[slot] !== hour) {
        s.stamps[slot] = hour
        s.hours[slot] = 0
      }
      s.hours[slot]++
      if (at <= now - HOUR_MS || at > now + 5 * 60_000) continue
      s.recent.push(at)
      s.recent.sort((a, b) => a - b)
      while (s.recent.length && s.recent[0] <= now - HOUR_MS) s.recent.shift()
      const threshold = Math.max(this.minCount, this.factor * this.average(s, now))
      if (s.recent.length > threshold && now - s.lastAlert >= HOUR_MS) {
        s.lastAlert = now
        out.push({ region, category, count: s.recent.length, threshold, at: now })
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
      recent: list.map(([, s]) => s.recent),
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
        lastAlert: st.lastAlert[i] ?? -Infinity,
      })
    })
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
