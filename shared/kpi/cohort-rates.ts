/**
 * 24小时办结率 and 72小时办结率: cohort-fair completion rates. The cohort of a day is the requests
 * created that day (Asia/Shanghai); its N-hour rate is the share of them whose first 办结 came
 * within N hours of creation. Every request of a cohort has had the same N hours, so cohorts of
 * different days compare fairly (unlike 办结率, which grows with a cohort's age).
 *
 * A cohort's N-hour rate is final only N hours after its day ends (its last request's N hours
 * have then passed): before that it reads 未满24小时 / 未满72小时, never a number, and is never
 * compared. A window's N-hour rate is over its mature cohorts only (`matureRange`).
 */
import { dayIndex, dayToDate, HOUR_MS } from '../time-windows.ts'
import { COHORT_BASE, count, F, KEY_STRIDE } from './bucket-fields.ts'
import { ratio } from './window-figures.ts'

/** The cohort horizons, in hours. */
export const COHORT_HOURS = [24, 72] as const
export type CohortHours = (typeof COHORT_HOURS)[number]

/** 中文 names of the cohort rates. */
export const COHORT_RATE_NAMES_ZH: Record<CohortHours, string> = { 24: '24小时办结率', 72: '72小时办结率' }

/** What an immature cohort reads instead of a figure. */
export const COHORT_IMMATURE_ZH: Record<CohortHours, string> = { 24: '未满24小时', 72: '未满72小时' }

/** Bucket field counting the requests created in the period first completed within N hours. */
export const COHORT_FIELD: Record<CohortHours, number> = { 24: COHORT_BASE, 72: COHORT_BASE + 1 }

/**
 * A request's cohort contribution: +`sign` to each horizon its first 办结 falls within, on the day
 * it was created. Only the first completion counts, so a later reopening (or a second 办结) never
 * changes a cohort after its horizon; a request not completed contributes nothing.
 */
export function foldCohort(createdAt: number, firstCompletedAt: number, sink: (key: number, delta: number) => void, sign: number): void {
  if (firstCompletedAt < 0) return
  const took = firstCompletedAt - createdAt
  const base = dayIndex(createdAt) * KEY_STRIDE
  for (const h of COHORT_HOURS) if (took <= h * HOUR_MS) sink(base + COHORT_FIELD[h], sign)
}

/** The last day whose cohort's N-hour rate is final at `now`: its day ended at least N hours ago. */
export const lastMatureDay = (hours: CohortHours, now: number): number => dayIndex(now - hours * HOUR_MS) - 1

/** Whether the N-hour rate of day `day`'s cohort is final at `now`. */
export const isMature = (hours: CohortHours, day: number, now: number): boolean => day <= lastMatureDay(hours, now)

/** The mature cohort days of the inclusive range `from..to` at `now`, or null when none is mature. */
export function matureRange(hours: CohortHours, from: number, to: number, now: number): [number, number] | null {
  const last = Math.min(to, lastMatureDay(hours, now))
  return last < from ? null : [from, last]
}

/** One N-hour rate over mature cohorts: the rate, its sample and the cohort days it covers. */
export interface CohortRate {
  /** 0..1; null when no cohort is mature (未满N小时) or nothing was accepted. */
  rate: number | null
  /** 样本量: requests accepted in the mature cohorts (the 样本不足 rule of `rate-samples.ts` applies). */
  n: number
  /** Of them, first completed within N hours. */
  done: number
  /** First and last cohort day (YYYY-MM-DD) the rate covers; null when none is mature yet. */
  from: string | null
  to: string | null
}

/** The cohort rate of the summed buckets of the days `range` (null: none mature). */
export function cohortRate(hours: CohortHours, sum: Float64Array | null, range: [number, number] | null): CohortRate {
  if (!sum || !range) return { rate: null, n: 0, done: 0, from: null, to: null }
  const n = count(sum[F.accepted])
  const done = count(sum[COHORT_FIELD[hours]])
  return { rate: ratio(done, n), n, done, from: dayToDate(range[0]), to: dayToDate(range[1]) }
}

/**
 * The day-on-day cohort of a briefing of `day`: the latest cohort whose N hours all passed by the
 * end of `day` (N = 24: the day before; N = 72: three days before). It is compared with the cohort
 * one day earlier and the one seven days earlier, all mature, so every comparison is between
 * cohorts that had the same N hours.
 */
export const briefingCohortDay = (hours: CohortHours, day: number): number => day - hours / 24

/**
 * The N-hour rate over several regions' rates of the same cohort days (a parent wall over its
 * roots): samples and 办结 within N hours add, the rate is recomputed from the sums.
 */
export function sumCohortRates(rates: readonly CohortRate[]): CohortRate {
  const n = rates.reduce((a, r) => a + r.n, 0)
  const done = rates.reduce((a, r) => a + r.done, 0)
  const named = rates.find((r) => r.from !== null)
  return { rate: named ? ratio(done, n) : null, n, done, from: named?.from ?? null, to: named?.to ?? null }
}
