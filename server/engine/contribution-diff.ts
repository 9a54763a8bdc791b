/**
 * The change of one request's contribution: the keys (day × field) it retracts and adds, summed
 * in a small open list (a request touches a few dozen keys), then added to the buckets of every
 * region of the request's chain.
 */
import { HOURLY_BASE, KEY_STRIDE } from '../../shared/kpi/bucket-fields.ts'
import type { RegionCounters } from './region-counters.ts'

export class ContributionDiff {
  private keys = new Float64Array(64)
  private vals = new Float64Array(64)
  private len = 0
  private readonly dayBuckets: (Float64Array | null)[] = []
  private readonly monthBuckets: Float64Array[] = []

  /** Takes `d` for key `k` (the fold's sink). */
  readonly sink = (k: number, d: number): void => {
    const keys = this.keys
    for (let i = this.len - 1; i >= 0; i--) {
      if (keys[i] === k) {
        this.vals[i] += d
        return
      }
    }
    if (this.len === keys.length) {
      this.keys = new Float64Array(keys.length * 2)
      this.keys.set(keys)
      const vals = new Float64Array(keys.length * 2)
      vals.set(this.vals)
      this.vals = vals
    }
    this.keys[this.len] = k
    this.vals[this.len++] = d
  }

  clear(): void {
    this.len = 0
  }

  /** Adds the diff to the buckets of every region of `chain` (hourly series for today and yesterday only). */
  addTo(c: RegionCounters, chain: Int32Array): void {
    const today = c.today
    const levels = chain.length
    const dayBuckets = this.dayBuckets
    const monthBuckets = this.monthBuckets
    let bucketDay = NaN
    for (let j = 0; j < this.len; j++) {
      const d = this.vals[j]
      if (d === 0) continue
      const k = this.keys[j]
      // Truncated to a small integer: a float here would box a number on every bucket lookup.
      const day = (k / KEY_STRIDE) | 0
      const field = k - day * KEY_STRIDE
      if (field >= HOURLY_BASE) {
        if (day < today - 1) continue
        for (let i = 0; i < levels; i++) c.hoursToChange(chain[i], day)[field - HOURLY_BASE] += d
        continue
      }
      if (day !== bucketDay) {
        // Entries of one day come together: look the buckets up once per day and level.
        bucketDay = day
        const month = c.month(day)
        for (let i = 0; i < levels; i++) {
          monthBuckets[i] = c.monthToChange(chain[i], month)
          dayBuckets[i] = c.keepsDay(chain[i], day) ? c.dayToChange(chain[i], day) : null
        }
      }
      for (let i = 0; i < levels; i++) {
        monthBuckets[i][field] += d
        const b = dayBuckets[i]
        if (b) b[field] += d
      }
    }
  }
}
