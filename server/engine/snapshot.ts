/** Builds the KPI snapshot of a region from the aggregator's counters. */
import { BUCKET_FIELDS, count, F } from '../../shared/kpi/bucket-fields.ts'
import { gridsOf, patrolCoverage } from '../../shared/kpi/grid.ts'
import { addBucket, RATES } from '../../shared/kpi/window-figures.ts'
import { WINDOWS, type ChildFigures, type HourlySeries, type Snapshot, type WindowFigures, type WindowKey } from '../../shared/kpi-types.ts'
import { monthIndex, monthStartDay, windowDays, yearStartMonth } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'
import type { RegionStats } from './region-stats.ts'
import type { ClosedLoop } from './closed-loop.ts'
import { closedLoopFigures } from './closed-loop-figures.ts'
import { cohortWindows } from './cohort-windows.ts'
import { dailyDates, NO_ROWS, sharedClosedLoop, sharedCohort, sharedDays, sharedHourly, sharedWindow, sharedWindows } from './snapshot-shared.ts'


/**
 * Sums a region's buckets over an inclusive day range, using month buckets for whole months, and
 * for a month's start up to `to` the month less its later days when those are fewer (the month to
 * date: its later days are recent, held in memory, where the earlier ones may not be).
 */
export function sumDays(s: RegionStats | undefined, from: number, to: number): Float64Array {
  const out = new Float64Array(BUCKET_FIELDS)
  if (!s) return out
  let d = from
  while (d <= to) {
    const m = monthIndex(d)
    const mStart = monthStartDay(m)
    const next = monthStartDay(m + 1)
    if (d === mStart && next - 1 <= to) {
      const b = s.monthAt(m)
      if (b) addBucket(out, b)
      d = next
      continue
    }
    if (d === mStart && next - 1 - to < to - mStart + 1) {
      const b = s.monthAt(m)
      if (b) addBucket(out, b)
      for (let t = to + 1; t < next; t++) {
        const tb = s.dayAt(t)
        if (tb) for (let i = 0; i < BUCKET_FIELDS; i++) out[i] -= tb[i]
      }
      break
    }
    const b = s.dayAt(d)
    if (b) addBucket(out, b)
    d++
  }
  return out
}

/** Sum of every bucket up to and including `day` (prefix sums for open/overdue at a day's end). */
export function sumThrough(s: RegionStats | undefined, day: number): Float64Array {
  const out = new Float64Array(BUCKET_FIELDS)
  if (!s) return out
  const m = monthIndex(day)
  for (const [mm, b] of s.months) if (mm < m) addBucket(out, b)
  for (let d = monthStartDay(m); d <= day; d++) {
    const b = s.dayAt(d)
    if (b) addBucket(out, b)
  }
  return out
}

const hourly = (s: RegionStats | undefined, day: number): HourlySeries => sharedHourly(s?.hourly.get(day))

/** Figures of every window for a region (empty ones shared, see `snapshot-shared.ts`). */
export function windowsOf(s: RegionStats | undefined, today: number): Record<WindowKey, WindowFigures> {
  const out = {} as Record<WindowKey, WindowFigures>
  for (const w of WINDOWS) {
    const [from, to] = windowDays(w, today)
    out[w] = sharedWindow(sumDays(s, from, to))
  }
  return sharedWindows(out)
}


/**
 * Builds the snapshot of region `index` at `now` (with the closed loop's figures when given). Parts
 * equal across regions are shared and frozen (`snapshot-shared.ts`): a snapshot is read, never written.
 */
export function buildSnapshot(agg: Aggregator, index: number, now: number, today: number, loop?: ClosedLoop): Snapshot {
  const tree = agg.tree
  const node = tree.nodes[index]
  const s = agg.stats[index]
  const todayBucket = s?.dayAt(today)
  const dates = dailyDates(today)
  const acc = new Array<number>(30)
  const comp = new Array<number>(30)
  for (let i = 0; i < 30; i++) {
    const b = s?.dayAt(today - 29 + i)
    acc[i] = b ? b[F.accepted] : 0
    comp[i] = b ? b[F.completed] : 0
  }
  const grids = gridsOf(tree, index)
  const ytdFrom = monthStartDay(yearStartMonth(monthIndex(today)))
  const childIndices = tree.childIndices(index)
  const children: ChildFigures[] = childIndices.length === 0 ? NO_ROWS : childIndices.map((c) => {
    const cs = agg.stats[c]
    const t = cs?.dayAt(today)
    const ytd = sumDays(cs, ytdFrom, today)
    const cn = tree.nodes[c]
    return {
      code: cn.code,
      name: cn.name,
      level: cn.level,
      acceptedToday: t ? count(t[F.accepted]) : 0,
      completedToday: t ? count(t[F.completed]) : 0,
      acceptedYtd: count(ytd[F.accepted]),
      completionRate: RATES.completionRate(ytd),
      satisfactionRate: RATES.satisfactionRate(ytd),
      onTimeRate: RATES.onTimeRate(ytd),
      open: cs?.open ?? 0,
      overdue: cs?.overdue ?? 0,
      onDuty: cs?.onDuty ?? 0,
    }
  })
  return {
    region: node.code,
    name: node.name,
    level: node.level,
    asOf: now,
    lastEventAt: agg.lastEventAt,
    today: dates[29],
    windows: windowsOf(s, today),
    cohort: sharedCohort(cohortWindows((from, to) => sumDays(s, from, to), today, now)),
    open: s?.open ?? 0,
    overdue: s?.overdue ?? 0,
    hourly: { today: hourly(s, today), yesterday: hourly(s, today - 1) },
    daily: { dates, accepted: sharedDays(acc), completed: sharedDays(comp) },
    grid: {
      grids,
      onDuty: s?.onDuty ?? 0,
      patrols: todayBucket ? count(todayBucket[F.patrols]) : 0,
      gridFound: todayBucket ? count(todayBucket[F.gridFound]) : 0,
      patrolCoverage: patrolCoverage(todayBucket ? todayBucket[F.patrolledGrids] : 0, grids),
      lastPatrolAt: agg.grid.lastPatrol.of(index),
    },
    children,
    ...(loop ? { closedLoop: sharedClosedLoop(agg, closedLoopFigures(agg, loop, index, now, today)) } : {}),
  }
}
