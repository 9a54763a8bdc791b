/** Builds the KPI snapshot of a region from the aggregator's counters. */
import { BUCKET_FIELDS, F } from '../../shared/kpi/bucket-fields.ts'
import { gridsOf, patrolCoverage } from '../../shared/kpi/grid.ts'
import { addBucket, RATES, windowFigures } from '../../shared/kpi/window-figures.ts'
import { WINDOWS, type ChildFigures, type HourlySeries, type Snapshot, type WindowFigures, type WindowKey } from '../../shared/kpi-types.ts'
import { dayToDate, monthIndex, monthStartDay, windowDays, yearStartMonth } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'
import type { RegionStats } from './region-stats.ts'
import type { ClosedLoop } from './closed-loop.ts'
import { closedLoopFigures } from './closed-loop-figures.ts'
import { cohortWindows } from './cohort-windows.ts'


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
      const b = s.months.get(m)
      if (b) addBucket(out, b)
      d = next
      continue
    }
    if (d === mStart && next - 1 - to < to - mStart + 1) {
      const b = s.months.get(m)
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

function hourly(s: RegionStats | undefined, day: number): HourlySeries {
  const h = s?.hourly.get(day)
  return {
    accepted: h ? Array.from(h.subarray(0, 24)) : new Array(24).fill(0),
    completed: h ? Array.from(h.subarray(24, 48)) : new Array(24).fill(0),
  }
}

/** Figures of every window for a region. */
export function windowsOf(s: RegionStats | undefined, today: number): Record<WindowKey, WindowFigures> {
  const out = {} as Record<WindowKey, WindowFigures>
  for (const w of WINDOWS) {
    const [from, to] = windowDays(w, today)
    out[w] = windowFigures(sumDays(s, from, to))
  }
  return out
}


/** Builds the snapshot of region `index` at `now` (with the closed loop's figures when given). */
export function buildSnapshot(agg: Aggregator, index: number, now: number, today: number, loop?: ClosedLoop): Snapshot {
  const tree = agg.tree
  const node = tree.nodes[index]
  const s = agg.stats[index]
  const todayBucket = s?.dayAt(today)
  const dates: string[] = []
  const acc: number[] = []
  const comp: number[] = []
  for (let d = today - 29; d <= today; d++) {
    const b = s?.dayAt(d)
    dates.push(dayToDate(d))
    acc.push(b ? b[F.accepted] : 0)
    comp.push(b ? b[F.completed] : 0)
  }
  const grids = gridsOf(tree, index)
  const ytdFrom = monthStartDay(yearStartMonth(monthIndex(today)))
  const children: ChildFigures[] = tree.childIndices(index).map((c) => {
    const cs = agg.stats[c]
    const t = cs?.dayAt(today)
    const ytd = sumDays(cs, ytdFrom, today)
    const cn = tree.nodes[c]
    return {
      code: cn.code,
      name: cn.name,
      level: cn.level,
      acceptedToday: t ? t[F.accepted] : 0,
      completedToday: t ? t[F.completed] : 0,
      acceptedYtd: ytd[F.accepted],
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
    today: dayToDate(today),
    windows: windowsOf(s, today),
    cohort: cohortWindows((from, to) => sumDays(s, from, to), today, now),
    open: s?.open ?? 0,
    overdue: s?.overdue ?? 0,
    hourly: { today: hourly(s, today), yesterday: hourly(s, today - 1) },
    daily: { dates, accepted: acc, completed: comp },
    grid: {
      grids,
      onDuty: s?.onDuty ?? 0,
      patrols: todayBucket ? todayBucket[F.patrols] : 0,
      gridFound: todayBucket ? todayBucket[F.gridFound] : 0,
      patrolCoverage: patrolCoverage(todayBucket ? todayBucket[F.patrolledGrids] : 0, grids),
      lastPatrolAt: agg.grid.lastPatrol.of(index),
    },
    children,
    ...(loop ? { closedLoop: closedLoopFigures(agg, loop, index, now, today) } : {}),
  }
}
