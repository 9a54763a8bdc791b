/** Figures of past days from a region's counters: one day, end-of-day open/overdue, ranges. */
import { BUCKET_FIELDS, F } from '../../shared/kpi/bucket-fields.ts'
import { UNRESOLVED_FIELD } from '../../shared/kpi/close-outcome.ts'
import { addBucket, RATES } from '../../shared/kpi/window-figures.ts'
import { rateSamples } from '../../shared/kpi/rate-samples.ts'
import type { DayFigures } from '../../shared/briefing-types.ts'
import { monthIndex, monthStartDay } from '../../shared/time-windows.ts'
import type { RegionStats } from '../engine/region-stats.ts'

const EMPTY = new Float64Array(BUCKET_FIELDS)

/** The day bucket of a region, or an all-zero one. */
export const dayBucket = (s: RegionStats | undefined, day: number): Float64Array => s?.dayAt(day) ?? EMPTY

/**
 * Open and overdue at the end of `day`: the sum of every month up to the day's month minus the days
 * after it in that month. Only days after `day` are read, so this is exact for any kept day.
 */
export function endOfDay(s: RegionStats | undefined, day: number): { open: number; overdue: number } {
  if (!s) return { open: 0, overdue: 0 }
  const m = monthIndex(day)
  let open = 0
  let overdue = 0
  for (const [mm, b] of s.months) {
    if (mm > m) continue
    open += b[F.openDelta]
    overdue += b[F.overdueDelta]
  }
  const end = monthStartDay(m + 1)
  for (let d = day + 1; d < end; d++) {
    const b = s.dayAt(d)
    if (!b) continue
    open -= b[F.openDelta]
    overdue -= b[F.overdueDelta]
  }
  return { open, overdue }
}

/** Headline figures of a day bucket plus the end-of-day open and overdue. */
export function figuresOf(b: Float64Array, end: { open: number; overdue: number }): DayFigures {
  return {
    accepted: b[F.accepted],
    completed: b[F.completed],
    completionRate: RATES.completionRate(b),
    closedUnresolved: b[UNRESOLVED_FIELD],
    onTimeRate: RATES.onTimeRate(b),
    satisfactionRate: RATES.satisfactionRate(b),
    directAnswerRate: RATES.directAnswerRate(b),
    timelySignRate: RATES.timelySignRate(b),
    open: end.open,
    overdue: end.overdue,
    n: rateSamples(b),
  }
}

/** Figures of one day of a region. */
export const dayFigures = (s: RegionStats | undefined, day: number): DayFigures => figuresOf(dayBucket(s, day), endOfDay(s, day))

/** Sum of the days `from..to` of one month: the month bucket minus its days after `to` (exact while those are kept). */
export function monthUpTo(s: RegionStats | undefined, to: number): Float64Array {
  const out = new Float64Array(BUCKET_FIELDS)
  if (!s) return out
  const m = monthIndex(to)
  const mb = s.months.get(m)
  if (mb) addBucket(out, mb)
  const end = monthStartDay(m + 1)
  for (let d = to + 1; d < end; d++) {
    const b = s.dayAt(d)
    if (b) for (let i = 0; i < BUCKET_FIELDS; i++) out[i] -= b[i]
  }
  return out
}
