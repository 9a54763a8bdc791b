/** Month so far against the same days of last month and the whole of last month. */
import { F } from '../../shared/kpi/bucket-fields.ts'
import { RATES } from '../../shared/kpi/window-figures.ts'
import type { MonthComparison } from '../../shared/briefing-types.ts'
import { dayToDate, monthIndex, monthStartDay } from '../../shared/time-windows.ts'
import type { RegionStats } from '../engine/region-stats.ts'
import { monthUpTo } from './day-history.ts'

/** The month of `day` up to it, the same span of last month (null when not kept) and last month's total. */
export function monthComparison(s: RegionStats | undefined, day: number, has: (d: number) => boolean): MonthComparison {
  const m = monthIndex(day)
  const start = monthStartDay(m)
  const prevStart = monthStartDay(m - 1)
  const prevEnd = Math.min(prevStart + (day - start), start - 1)
  const period = (b: Float64Array, a: number, z: number) => ({
    from: dayToDate(a),
    to: dayToDate(z),
    accepted: b[F.accepted],
    completed: b[F.completed],
    completionRate: RATES.completionRate(b),
    satisfactionRate: RATES.satisfactionRate(b),
  })
  const prevMonth = s?.months.get(m - 1)
  return {
    current: period(monthUpTo(s, day), start, day),
    // Days after prevEnd in that month must be kept to subtract them.
    previous: has(prevEnd + 1) || prevEnd === start - 1 ? period(monthUpTo(s, prevEnd), prevStart, prevEnd) : null,
    previousMonth: { month: dayToDate(prevStart).slice(0, 7), accepted: prevMonth?.[F.accepted] ?? 0, completed: prevMonth?.[F.completed] ?? 0 },
  }
}
