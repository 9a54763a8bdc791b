/**
 * The sample (n) behind each rate, the 样本不足 rule, which rates may be compared across days, and
 * the mature window the 红黑榜 ranks 办结率 on. One definition for the wall and the briefing.
 */
import { count, F } from './bucket-fields.ts'

/** The rates the wall and the briefing show. */
export const RATE_NAMES = ['completionRate', 'onTimeRate', 'satisfactionRate', 'directAnswerRate', 'timelySignRate'] as const
export type RateName = (typeof RATE_NAMES)[number]

/** 中文 names of the rates. */
export const RATE_NAMES_ZH: Record<RateName, string> = {
  completionRate: '办结率',
  onTimeRate: '按时办结率',
  satisfactionRate: '满意率',
  directAnswerRate: '直接答复率',
  timelySignRate: '及时签收率',
}

/** The sample of each rate: how many cases it divides by. */
export type RateSamples = Record<RateName, number>

/**
 * 样本量 n of each rate over summed bucket counters: 办结率 and 直接答复率 divide by the requests
 * accepted, 按时办结率 by the completions, 满意率 by the return visits, 及时签收率 by the
 * dispatches signed or past their sign-for limit.
 */
export function rateSamples(s: Float64Array): RateSamples {
  return {
    completionRate: count(s[F.accepted]),
    onTimeRate: count(s[F.completed]),
    satisfactionRate: count(s[F.visits]),
    directAnswerRate: count(s[F.accepted]),
    timelySignRate: count(s[F.signDue]),
  }
}

/**
 * 样本不足: a rate over fewer than 30 cases is shown greyed as "样本不足", and no change (±pp
 * arrow) is drawn for it or against it. At n = 30 one case moves the rate by 3.3 pp; below it,
 * a rate is mostly noise (a community with one request reads 0% or 100%).
 */
export const MIN_RATE_SAMPLE = 30

/** Whether a rate over `n` cases may be shown as a figure and compared. */
export const sampleEnough = (n: number | null | undefined): boolean => n != null && n >= MIN_RATE_SAMPLE

/**
 * Rates whose value depends on the age of the cohort it is computed on: 办结率 is the share of a
 * day's requests completed *by now*, so an older day has simply had more time. Such a rate is never
 * compared between days of different ages (环比, 同比, 本月 vs 上月同期); it is ranked only on the
 * mature window below. The other rates count events of the day itself (按时办结率, 满意率) or settle
 * within hours of it (直接答复率: minutes; 及时签收率: the 1–4 h sign-for limit), so a finished day's
 * values are final and comparable.
 */
export const COHORT_RATES: ReadonlySet<RateName> = new Set(['completionRate'])

/**
 * 成熟期办结率: the 办结率 of the requests accepted 13 to 7 days before the day (a week of
 * cohorts, each past its 7-day deadline), as the 红黑榜 ranks it: every child's cohorts have had
 * the same time, so a child is not ranked down for being busy yesterday.
 */
export const MATURE_WINDOW: { fromDaysBefore: number; toDaysBefore: number } = { fromDaysBefore: 13, toDaysBefore: 7 }
