/** Cohort-fair rates in the snapshot and the briefing (definitions: `shared/kpi/cohort-rates.ts`). */
import type { CohortRate } from './kpi/cohort-rates.ts'

export type { CohortRate } from './kpi/cohort-rates.ts'

/** 24小时办结率 and 72小时办结率 of one window, each over the window's mature cohorts. */
export interface CohortWindow {
  h24: CohortRate
  h72: CohortRate
}

/** One cohort's N-hour rate in the briefing, or null figures outside the kept history. */
export interface CohortDay {
  /** The cohort's day (YYYY-MM-DD): the requests created that day. */
  date: string
  rate: CohortRate | null
}

/** The briefing's day-on-day comparison of one N-hour rate: the latest cohort mature at the day's end, the one before, the same weekday a week before. */
export interface CohortComparison {
  hours: 24 | 72
  cohort: CohortDay
  prevDay: CohortDay
  lastWeek: CohortDay
}
