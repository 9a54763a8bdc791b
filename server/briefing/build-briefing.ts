/** Builds the morning briefing of a region and a past day from the aggregator's counters. */
import { LRUCache } from 'lru-cache'
import { CATEGORIES } from '../../shared/categories.ts'
import { CAT_BASE, F } from '../../shared/kpi/bucket-fields.ts'
import { gridsOf, patrolCoverage } from '../../shared/kpi/grid.ts'
import { isDailySurge } from '../../shared/kpi/surge.ts'
import { addBucket, RATES } from '../../shared/kpi/window-figures.ts'
import { MATURE_WINDOW, sampleEnough } from '../../shared/kpi/rate-samples.ts'
import {
  RANK_MEASURES,
  type Briefing,
  type CategoryFigure,
  type ChildDay,
  type DatedFigures,
  type GridDay,
  type HotCommunity,
  type MonthComparison,
  type OverdueItem,
  type Ranking,
  type RankMeasure,
} from '../../shared/briefing-types.ts'
import type { RegionLevel } from '../../shared/region-types.ts'
import { dayIndex, dayStartMs, dayToDate, DAY_MS, HOUR_MS, monthIndex, monthStartDay, weekdayOf } from '../../shared/time-windows.ts'
import type { Aggregator } from '../engine/aggregator.ts'
import type { RegionStats } from '../engine/region-stats.ts'
import { briefingRange, DEFAULT_RETENTION, isKept, keptDays, type Retention } from './briefing-range.ts'
import { dayBucket, dayFigures, endOfDay, monthUpTo } from './day-history.ts'
import { cohortComparisons } from './cohort-comparison.ts'
import { departmentAt, type OverdueIndex } from './overdue-index.ts'
import { childToward, levelUnder, subtreeRange } from './subtree.ts'

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
const RANK_SIZE = 5


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

function categoriesOf(s: RegionStats | undefined, day: number, has: (d: number) => boolean): CategoryFigure[] {
  const b = dayBucket(s, day)
  const total = b[F.accepted]
  const prev = has(day - 1) ? dayBucket(s, day - 1) : null
  const week = has(day - 7) ? dayBucket(s, day - 7) : null
  const last7 = has(day - 7) ? [1, 2, 3, 4, 5, 6, 7].map((k) => dayBucket(s, day - k)) : null
  const out: CategoryFigure[] = []
  CATEGORIES.forEach((category, i) => {
    const f = CAT_BASE + i
    const accepted = b[f]
    if (accepted <= 0) return
    out.push({
      category,
      accepted,
      share: total > 0 ? accepted / total : 0,
      prevDay: prev ? prev[f] : null,
      lastWeek: week ? week[f] : null,
      avg7: last7 ? last7.reduce((a, x) => a + x[f], 0) / 7 : null,
    })
  })
  return out.sort((a, b) => b.accepted - a.accepted || CATEGORIES.indexOf(a.category as never) - CATEGORIES.indexOf(b.category as never))
}

function monthComparison(s: RegionStats | undefined, day: number, has: (d: number) => boolean): MonthComparison {
  const m = monthIndex(day)
  const start = monthStartDay(m)
  const prevStart = monthStartDay(m - 1)
  const prevEnd = Math.min(prevStart + (day - start), start - 1)
  const period = (b: Float64Array, a: number, z: number) => ({
    from: dayToDate(a),
    to: dayToDate(z),
    accepted: b[F.accepted],
    completed: b[F.completed],
    completionRate: RATES.completionRate(b),
    satisfactionRate: RATES.satisfactionRate(b),
  })
  const prevMonth = s?.months.get(m - 1)
  return {
    current: period(monthUpTo(s, day), start, day),
    // Days after prevEnd in that month must be kept to subtract them.
    previous: has(prevEnd + 1) || prevEnd === start - 1 ? period(monthUpTo(s, prevEnd), prevStart, prevEnd) : null,
    previousMonth: { month: dayToDate(prevStart).slice(0, 7), accepted: prevMonth?.[F.accepted] ?? 0, completed: prevMonth?.[F.completed] ?? 0 },
  }
}

const hotCache = new WeakMap<Aggregator, LRUCache<string, { at: number; hot: HotCommunity[] }>>()
/** How long a hot list is reused while the region's counts of the day are unchanged. */
const HOT_TTL_MS = 60_000

/**
 * {@link hotCommunities}, reused while the region's accepted and category counts of the day are the
 * same: any request created or invalidated on that day below the region changes them, so a reuse
 * can only miss two changes that cancel out within a minute.
 */
function cachedHot(agg: Aggregator, index: number, day: number, now: number, n: number): HotCommunity[] {
  const b = dayBucket(agg.statsOf(index), day)
  const key = `${index}:${day}:${n}:${b.subarray(CAT_BASE, CAT_BASE + CATEGORIES.length).join(',')}`
  let cache = hotCache.get(agg)
  // The age is checked against the injected clock (`now`), not lru-cache's own TTL timer.
  if (!cache) hotCache.set(agg, (cache = new LRUCache({ max: 1024 })))
  const hit = cache.get(key)
  if (hit && now - hit.at < HOT_TTL_MS) return hit.hot
  const hot = hotCommunities(agg, index, day, n)
  cache.set(key, { at: now, hot })
  return hot
}

/**
 * The `n` communities with most requests on `day`, most first (ties in tree order). Streets are
 * visited busiest first and skipped once their total is below the n-th best community, so a
 * province reads a few thousand buckets rather than every community's.
 */
function hotCommunities(agg: Aggregator, index: number, day: number, n: number): HotCommunity[] {
  const tree = agg.tree
  const accepted = (i: number) => agg.stats[i]?.dayAt(day)?.[F.accepted] ?? 0
  const level = tree.nodes[index].level
  if (accepted(index) <= 0) return []
  const streets = level === 'community' || level === 'grid' ? [] : [...levelUnder(tree, index, 'street')]
  const groups = streets.map((s) => ({ s, v: accepted(s) })).filter((g) => g.v > 0).sort((a, b) => b.v - a.v)
  const top: { i: number; v: number }[] = []
  const better = (a: { i: number; v: number }, b: { i: number; v: number }) => a.v > b.v || (a.v === b.v && a.i < b.i)
  const offer = (i: number) => {
    const v = accepted(i)
    const x = { i, v }
    if (v <= 0 || (top.length === n && !better(x, top[n - 1]))) return
    let j = Math.min(top.length, n - 1)
    while (j > 0 && better(x, top[j - 1])) j--
    top.splice(j, 0, x)
    if (top.length > n) top.pop()
  }
  if (level === 'community') offer(index)
  for (const g of groups) {
    if (top.length === n && g.v < top[n - 1].v) break
    for (const c of tree.childIndices(g.s)) if (tree.nodes[c].level === 'community') offer(c)
  }
  return top.map(({ i, v }) => {
    const b = agg.stats[i]!.dayAt(day)!
    let best = -1
    for (let c = 0; c < CATEGORIES.length; c++) if (b[CAT_BASE + c] > 0 && (best < 0 || b[CAT_BASE + c] > b[CAT_BASE + best])) best = c
    const cn = tree.nodes[i]
    return {
      code: cn.code,
      name: cn.name,
      place: tree.place(i),
      child: tree.nodes[childToward(tree, index, i)].code,
      accepted: v,
      topCategory: best < 0 ? null : CATEGORIES[best],
    }
  })
}

function childDays(agg: Aggregator, index: number, day: number, today: number, retention: Retention): ChildDay[] {
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
function matureWindow(s: RegionStats | undefined, day: number, has: (d: number) => boolean): Float64Array | null {
  const from = day - MATURE_WINDOW.fromDaysBefore
  const to = day - MATURE_WINDOW.toDaysBefore
  if (!has(from)) return null
  const out = new Float64Array(dayBucket(s, from).length)
  for (let d = from; d <= to; d++) addBucket(out, dayBucket(s, d))
  return out
}

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

function overdueList(agg: Aggregator, index: number, day: number, idx: OverdueIndex, max: number): Briefing['overdue'] {
  const tree = agg.tree
  const [lo, hi] = subtreeRange(tree, index)
  const expected = endOfDay(agg.statsOf(index), day).overdue
  let hits = idx.overdueAt(day, lo, hi)
  // Fewer than the exact counter says: a late event made a request a candidate since the last build.
  if (hits.length !== expected && idx.version !== agg.version(0)) {
    idx.rebuild()
    hits = idx.overdueAt(day, lo, hi)
  }
  const end = dayStartMs(day + 1)
  const byAge = { day: 0, week: 0, older: 0 }
  for (const r of hits) {
    const late = end - r.created!.deadline
    byAge[late <= DAY_MS ? 'day' : late <= 7 * DAY_MS ? 'week' : 'older']++
  }
  // Urgent first, then the most recently overdue: what can still be saved comes before the long tail.
  const ordered = [...hits].sort((a, b) => Number(b.created!.urgent) - Number(a.created!.urgent) || b.created!.deadline - a.created!.deadline || (a.id < b.id ? -1 : 1))
  const items: OverdueItem[] = ordered.slice(0, max).map((r) => {
    const c = r.created!
    return {
      requestId: r.id,
      region: tree.nodes[c.region].code,
      place: tree.place(c.region),
      category: CATEGORIES[c.category],
      department: departmentAt(r.events, end - 1),
      summary: r.summary ?? null,
      urgent: c.urgent,
      created: c.at,
      deadline: c.deadline,
      hoursOverdue: Math.floor((end - c.deadline) / HOUR_MS),
    }
  })
  return { total: hits.length, items, byAge }
}

function gridDay(agg: Aggregator, i: number, day: number, known: boolean): GridDay {
  const tree = agg.tree
  const n = tree.nodes[i]
  const grids = gridsOf(tree, i)
  const b = dayBucket(agg.statsOf(i), day)
  return {
    code: n.code,
    name: n.name,
    grids,
    patrolledGrids: known ? b[F.patrolledGrids] : null,
    patrols: known ? b[F.patrols] : null,
    patrolCoverage: known ? patrolCoverage(b[F.patrolledGrids], grids) : null,
    gridFound: b[F.gridFound],
  }
}

function gridFigures(agg: Aggregator, index: number, day: number, today: number, retention: Retention): Briefing['grid'] {
  const tree = agg.tree
  const known = (i: number) => isKept(day, today, keptDays(tree.nodes[i].level, retention))
  return {
    total: gridDay(agg, index, day, known(index)),
    children: tree.childIndices(index).filter(known).map((c) => gridDay(agg, c, day, true)),
  }
}
