/** Texts of the cohort rates (24小时/72小时办结率) and the last patrol (最近巡查), on the wall and in the briefing. */
import { COHORT_IMMATURE_ZH, COHORT_RATE_NAMES_ZH } from '../../shared/kpi/cohort-rates.ts'
import { LAST_PATROL_ZH, PATROL_STALE_HOURS } from '../../shared/kpi/last-patrol.ts'
import type { Lang } from './translate.ts'

const zh = {
  rate24: COHORT_RATE_NAMES_ZH[24],
  rate72: COHORT_RATE_NAMES_ZH[72],
  short: '24/72小时办结',
  immature24: COHORT_IMMATURE_ZH[24],
  immature72: COHORT_IMMATURE_ZH[72],
  fewCases: '样本不足',
  cohortSpan: '{name}：近7日已满批次 {from}–{to}，样本{n}',
  cohortTitle: '批次办结率（同龄批次比较）',
  cohortNote: '每日受理批次在受理后24/72小时内的首次办结占比，只比较已满期的批次',
  cohortOf: '{date}批次',
  vsPrev: '较前一批次',
  vsWeek: '较上周同日批次',
  sample: '样本{n}',
  lastPatrol: `${LAST_PATROL_ZH} {age}前`,
  neverPatrolled: '暂无巡查记录',
  patrolStale: `超过${PATROL_STALE_HOURS}小时未巡查`,
}
export type CohortKey = keyof typeof zh

const en: Record<CohortKey, string> = {
  rate24: '24 h completion',
  rate72: '72 h completion',
  short: '24/72 h done',
  immature24: 'under 24 h old',
  immature72: 'under 72 h old',
  fewCases: 'too few',
  cohortSpan: '{name}: mature cohorts of the last 7 days {from}–{to}, n={n}',
  cohortTitle: 'Cohort completion (same-age cohorts)',
  cohortNote: 'share of each day’s requests first completed within 24/72 h of creation; only mature cohorts are compared',
  cohortOf: 'cohort {date}',
  vsPrev: 'vs cohort before',
  vsWeek: 'vs same weekday',
  sample: 'n={n}',
  lastPatrol: 'Last patrol {age} ago',
  neverPatrolled: 'No patrol yet',
  patrolStale: `not patrolled for over ${PATROL_STALE_HOURS} h`,
}

/** `t(key, params)` for these texts in `lang`. */
export function cohortText(lang: Lang): (key: CohortKey, params?: Record<string, string | number>) => string {
  const dict: Record<CohortKey, string> = lang === 'en' ? en : zh
  return (key, params) => (params ? dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : dict[key])
}
