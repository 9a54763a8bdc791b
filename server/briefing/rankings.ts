/** 红黑榜: the best and worst children of a region by a rate. */
import { sampleEnough } from '../../shared/kpi/rate-samples.ts'
import type { ChildDay, Ranking, RankMeasure } from '../../shared/briefing-types.ts'

const RANK_SIZE = 5

/** The value a child is ranked on and its sample: 办结率 on the mature window, the others on the day. */
export function rankValue(c: ChildDay, measure: RankMeasure): { value: number | null; n: number } {
  return measure === 'completionRate' ? { value: c.matureCompletionRate, n: c.matureN } : { value: c[measure], n: c.n[measure] }
}

/**
 * Best and worst children by a rate: higher is better; ties go to the busier child. Children whose
 * sample is under {@link MIN_RATE_SAMPLE} (样本不足) are not ranked.
 */
export function rank(children: ChildDay[], measure: RankMeasure): Ranking {
  const rated = children
    .filter((c) => rankValue(c, measure).value !== null && sampleEnough(rankValue(c, measure).n))
    .sort((a, b) => rankValue(b, measure).value! - rankValue(a, measure).value! || b.accepted - a.accepted || a.code.localeCompare(b.code))
  const nBest = Math.min(RANK_SIZE, Math.ceil(rated.length / 2))
  const nWorst = Math.min(RANK_SIZE, rated.length - nBest)
  return { measure, best: rated.slice(0, nBest), worst: rated.slice(rated.length - nWorst).reverse(), ranked: rated.length }
}
