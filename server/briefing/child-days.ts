/** The day's figures of each child of a region, with the mature-window 办结率 the ranking uses. */
import { F } from '../../shared/kpi/bucket-fields.ts'
import { addBucket, RATES } from '../../shared/kpi/window-figures.ts'
import { MATURE_WINDOW } from '../../shared/kpi/rate-samples.ts'
import type { ChildDay } from '../../shared/briefing-types.ts'
import type { Aggregator } from '../engine/aggregator.ts'
import type { RegionStats } from '../engine/region-stats.ts'
import { isKept, keptDays, type Retention } from './briefing-range.ts'
import { dayBucket, dayFigures } from './day-history.ts'

/** Children of `index` whose `day` is kept at their level, with that day's figures. */
export function childDays(agg: Aggregator, index: number, day: number, today: number, retention: Retention): ChildDay[] {
  const tree = agg.tree
  return tree.childIndices(index).flatMap((c) => {
    const cn = tree.nodes[c]
    const kept = keptDays(cn.level, retention)
    if (!isKept(day, today, kept)) return []
    const f = dayFigures(agg.statsOf(c), day)
    const mature = matureWindow(agg.statsOf(c), day, (d) => isKept(d, today, kept))
    return [{
      code: cn.code,
      name: cn.name,
      accepted: f.accepted,
      completed: f.completed,
      completionRate: f.completionRate,
      onTimeRate: f.onTimeRate,
      satisfactionRate: f.satisfactionRate,
      overdue: f.overdue,
      n: f.n,
      matureCompletionRate: mature ? RATES.completionRate(mature) : null,
      matureN: mature ? mature[F.accepted] : 0,
    }]
  })
}

/** Summed buckets of the mature window before `day`, or null when its days are not all kept. */
export function matureWindow(s: RegionStats | undefined, day: number, has: (d: number) => boolean): Float64Array | null {
  const from = day - MATURE_WINDOW.fromDaysBefore
  const to = day - MATURE_WINDOW.toDaysBefore
  if (!has(from)) return null
  const out = new Float64Array(dayBucket(s, from).length)
  for (let d = from; d <= to; d++) addBucket(out, dayBucket(s, d))
  return out
}
