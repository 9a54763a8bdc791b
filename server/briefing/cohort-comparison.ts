/** The briefing's day-on-day and week-on-week 24小时/72小时办结率, between mature cohorts only. */
import { briefingCohortDay, COHORT_HOURS, cohortRate } from '../../shared/kpi/cohort-rates.ts'
import type { CohortComparison, CohortDay } from '../../shared/cohort-types.ts'
import { dayToDate } from '../../shared/time-windows.ts'
import type { RegionStats } from '../engine/region-stats.ts'
import { dayBucket } from './day-history.ts'

/**
 * For a briefing of `day` (a day before today): per horizon N, the latest cohort whose N hours all
 * ended by the end of `day` (24 h: the day before; 72 h: three days before), the cohort before it
 * and the one a week before. Each is mature, so the three had the same N hours. A cohort outside
 * the kept history (`has`) has no figures.
 */
export function cohortComparisons(s: RegionStats | undefined, day: number, has: (d: number) => boolean): CohortComparison[] {
  return COHORT_HOURS.map((hours) => {
    const at = (d: number): CohortDay => ({ date: dayToDate(d), rate: has(d) ? cohortRate(hours, dayBucket(s, d), [d, d]) : null })
    const c = briefingCohortDay(hours, day)
    return { hours, cohort: at(c), prevDay: at(c - 1), lastWeek: at(c - 7) }
  })
}
