/** Turns summed bucket counters into the window figures (definitions and 中文 names: docs/kpis.md). */
import { CATEGORIES } from '../categories.ts'
import { CHANNELS, type Channel } from '../enums.ts'
import type { WindowFigures } from '../kpi-types.ts'
import { BUCKET_FIELDS, CAT_BASE, CHANNEL_BASE, count, F } from './bucket-fields.ts'
import { rateSamples } from './rate-samples.ts'
import { UNRESOLVED_FIELD } from './close-outcome.ts'

/** `num / den`, or null when there is nothing to divide by. */
export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null)

type Rate = (s: Float64Array) => number | null

/**
 * The rate KPIs over summed counters, one definition for wall, rankings and briefing (中文 names in
 * `RATE_NAMES_ZH`): 办结率 completed (办结, not a close without it: close-outcome.ts) now / accepted; 按时办结率 on time / completed; 及时签收率
 * signed in time / signed or past the limit; 满意率 satisfied visits / visits; 直接答复率 completed
 * without dispatch / accepted.
 */
export const RATES = {
  completionRate: (s) => ratio(s[F.createdCompleted], s[F.accepted]),
  onTimeRate: (s) => ratio(s[F.completedOnTime], s[F.completed]),
  timelySignRate: (s) => ratio(s[F.signTimely], s[F.signDue]),
  satisfactionRate: (s) => ratio(s[F.visitsGood], s[F.visits]),
  directAnswerRate: (s) => ratio(s[F.directAnswer], s[F.accepted]),
} satisfies Record<string, Rate>

/** Adds bucket `b` into `into`. */
export function addBucket(into: Float64Array, b: Float64Array): void {
  for (let i = 0; i < BUCKET_FIELDS; i++) into[i] += b[i]
}

/** Window figures from the sum of a window's buckets. */
export function windowFigures(s: Float64Array): WindowFigures {
  const byCategory: Record<string, number> = {}
  CATEGORIES.forEach((c, i) => {
    if (s[CAT_BASE + i] > 0) byCategory[c] = count(s[CAT_BASE + i])
  })
  const byChannel: Partial<Record<Channel, number>> = {}
  CHANNELS.forEach((c, i) => {
    if (s[CHANNEL_BASE + i] > 0) byChannel[c] = count(s[CHANNEL_BASE + i])
  })
  return {
    accepted: count(s[F.accepted]),
    completed: count(s[F.completed]),
    completionRate: RATES.completionRate(s),
    onTimeRate: RATES.onTimeRate(s),
    timelySignRate: RATES.timelySignRate(s),
    satisfactionRate: RATES.satisfactionRate(s),
    directAnswerRate: RATES.directAnswerRate(s),
    closedUnresolved: count(s[UNRESOLVED_FIELD]),
    returned: count(s[F.returned]),
    reopened: count(s[F.reopened]),
    supervised: count(s[F.supervised]),
    avgHandleHours: s[F.completed] > 0 ? s[F.handleSeconds] / s[F.completed] / 3600 : null,
    byCategory,
    byChannel,
    n: rateSamples(s),
  }
}
