/** Pure helpers for the cohort rates (24小时/72小时办结率) and the last patrol (最近巡查) on the wall and in the briefing. */
import type { CohortRate } from '../../shared/cohort-types.ts'
import type { CohortHours } from '../../shared/kpi/cohort-rates.ts'
import { patrolStale } from '../../shared/kpi/last-patrol.ts'
import { sampleEnough } from '../../shared/kpi/rate-samples.ts'
import type { CohortKey } from '../i18n/cohort-patrol.ts'
import { formatRate } from './number.ts'

/** How a cohort rate reads: a figure, 样本不足, or 未满N小时 (never a number for an immature cohort). */
export interface CohortShown {
  text: string
  /** A figure that may be compared (mature, n ≥ 30). */
  value: number | null
  state: 'ok' | 'few' | 'immature'
}

export function cohortShown(r: CohortRate | null | undefined, hours: CohortHours, t: (k: CohortKey) => string): CohortShown {
  if (!r || r.from === null) return { text: t(hours === 24 ? 'immature24' : 'immature72'), value: null, state: 'immature' }
  if (r.rate === null || !sampleEnough(r.n)) return { text: t('fewCases'), value: null, state: 'few' }
  return { text: formatRate(r.rate), value: r.rate, state: 'ok' }
}

/** Change in percentage points between two comparable cohort rates, or null when either is not. */
export function cohortChangePp(cur: CohortShown, base: CohortShown): number | null {
  if (cur.value === null || base.value === null) return null
  return Math.round((cur.value - base.value) * 1000) / 10
}

/** The last patrol as an age and whether it is beyond the threshold (red). */
export function lastPatrolShown(at: number | null | undefined, now: number): { ageMs: number | null; stale: boolean } {
  const last = at ?? null
  return { ageMs: last === null ? null : Math.max(0, now - last), stale: patrolStale(last, now) }
}
