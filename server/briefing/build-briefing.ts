/** Builds the morning briefing of a region and a past day from the aggregator's counters. */
import { isDailySurge } from '../../shared/kpi/surge.ts'
import { F } from '../../shared/kpi/bucket-fields.ts'
import { RANK_MEASURES, type Briefing, type DatedFigures } from '../../shared/briefing-types.ts'
import type { RegionLevel } from '../../shared/region-types.ts'
import { dayIndex, dayStartMs, dayToDate, weekdayOf } from '../../shared/time-windows.ts'
import type { Aggregator } from '../engine/aggregator.ts'
import { briefingRange, DEFAULT_RETENTION, isKept, keptDays, type Retention } from './briefing-range.ts'
import { categoriesOf } from './category-figures.ts'
import { childDays } from './child-days.ts'
import { cohortComparisons } from './cohort-comparison.ts'
import { dayBucket, dayFigures } from './day-history.ts'
import { gridFigures } from './grid-figures.ts'
import { cachedHot } from './hot-communities.ts'
import { monthComparison } from './month-comparison.ts'
import type { OverdueIndex } from './overdue-index.ts'
import { overdueList } from './overdue-list.ts'
import { rank } from './rankings.ts'

export { rank, rankValue } from './rankings.ts'

export interface BuildOptions {
  overdue: OverdueIndex
  /** @default DEFAULT_RETENTION */
  retention?: Retention
  /** Items of the 督办清单 returned (the total is always exact). @default 100 */
  maxOverdueItems?: number
  /** Hot communities returned. @default 10 */
  hotCommunities?: number
}

const TREND_DAYS = 30

/** 全省/全市/全区/全县 for the upper levels, the region's own name below. */
export function scopeNameOf(level: RegionLevel, name: string): string {
  if (level === 'province') return '全省'
  if (level === 'city') return '全市'
  if (level === 'district') return name.endsWith('县') ? '全县' : name.endsWith('市') ? '全市' : '全区'
  return name
}

/** The briefing of region `index` for `day` (a kept day before today), as of `now`. */
export function buildBriefing(agg: Aggregator, index: number, day: number, now: number, opts: BuildOptions): Briefing {
  const tree = agg.tree
  const node = tree.nodes[index]
  const retention = opts.retention ?? DEFAULT_RETENTION
  const today = dayIndex(now)
  const kept = keptDays(node.level, retention)
  const has = (d: number): boolean => isKept(d, today, kept)
  const s = agg.statsOf(index)
  const dated = (d: number): DatedFigures => ({ date: dayToDate(d), figures: has(d) ? dayFigures(s, d) : null })
  const [from, to] = briefingRange(today, kept)

  const trend: Briefing['trend'] = { dates: [], accepted: [], completed: [] }
  for (let d = day - TREND_DAYS + 1; d <= day; d++) {
    trend.dates.push(dayToDate(d))
    trend.accepted.push(has(d) ? dayBucket(s, d)[F.accepted] : null)
    trend.completed.push(has(d) ? dayBucket(s, d)[F.completed] : null)
  }

  const categories = categoriesOf(s, day, has)
  const children = childDays(agg, index, day, today, retention)
  return {
    region: { code: node.code, name: node.name, level: node.level },
    scopeName: scopeNameOf(node.level, node.name),
    date: dayToDate(day),
    weekday: weekdayOf(dayStartMs(day)),
    today: dayToDate(today),
    generatedAt: now,
    range: { from: dayToDate(from), to: dayToDate(to) },
    day: dayFigures(s, day),
    prevDay: dated(day - 1),
    lastWeek: dated(day - 7),
    trend,
    month: monthComparison(s, day, has),
    categories,
    surges: categories
      .filter((c) => isDailySurge(c.accepted, c.avg7))
      .sort((a, b) => b.accepted / Math.max(b.avg7!, 1) - a.accepted / Math.max(a.avg7!, 1) || b.accepted - a.accepted)
      .slice(0, 5),
    hotCommunities: cachedHot(agg, index, day, now, opts.hotCommunities ?? 10),
    children,
    rankings: RANK_MEASURES.map((m) => rank(children, m)),
    overdue: overdueList(agg, index, day, opts.overdue, opts.maxOverdueItems ?? 100),
    grid: gridFigures(agg, index, day, today, retention),
    cohortRates: cohortComparisons(s, day, has),
  }
}
