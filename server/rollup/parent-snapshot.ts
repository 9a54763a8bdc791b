/**
 * A parent wall's snapshot from its roots' headline rows: the same `Snapshot` a root's wall gets,
 * with the roots as its children, every figure summed from the rows' counters (`rollUp`), and
 * `rollUp` saying how old each root's row is. A row of the parent's day is summed, stale or not
 * (its last figures, marked); a row of another day, or none, is left out and marked.
 */
import { BUCKET_FIELDS, F } from '../../shared/kpi/bucket-fields.ts'
import { RATES, ratio, windowFigures } from '../../shared/kpi/window-figures.ts'
import { WINDOWS, type ChildFigures, type HourlySeries, type OverdueAge, type Snapshot, type WindowFigures, type WindowKey } from '../../shared/kpi-types.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { rollUp, type HeadlineRow, type RootFreshness } from '../../shared/roll-up.ts'
import { dayIndex, dayToDate } from '../../shared/time-windows.ts'
import { latestPatrol, sumCohortWindows } from './cohort-and-patrol.ts'
import type { RootRead } from './headline-source.ts'

const add = (into: number[], xs: readonly number[]) => xs.forEach((x, i) => (into[i] = (into[i] ?? 0) + x))
const sumField = (rows: HeadlineRow[], w: WindowKey, f: number) => rows.reduce((n, r) => n + r.windows[w][f], 0)

function sumHourly(rows: HeadlineRow[], day: 'today' | 'yesterday'): HourlySeries {
  const out: HourlySeries = { accepted: new Array(24).fill(0), completed: new Array(24).fill(0) }
  for (const r of rows) {
    add(out.accepted, r.hourly[day].accepted)
    add(out.completed, r.hourly[day].completed)
  }
  return out
}

function sumDaily(rows: HeadlineRow[], today: number): Snapshot['daily'] {
  const dates = Array.from({ length: 30 }, (_, i) => dayToDate(today - 29 + i))
  const at = new Map(dates.map((d, i) => [d, i]))
  const accepted = new Array<number>(30).fill(0)
  const completed = new Array<number>(30).fill(0)
  for (const r of rows) {
    r.daily.dates.forEach((d, i) => {
      const j = at.get(d)
      if (j === undefined) return
      accepted[j] += r.daily.accepted[i]
      completed[j] += r.daily.completed[i]
    })
  }
  return { dates, accepted, completed }
}

function childOf(tree: RegionTree, code: string, row: HeadlineRow | null): ChildFigures {
  const node = tree.get(code)!
  const ytd = Float64Array.from(row?.windows.ytd ?? [])
  return {
    code: node.code,
    name: node.name,
    level: node.level,
    acceptedToday: row?.windows.today[F.accepted] ?? 0,
    completedToday: row?.windows.today[F.completed] ?? 0,
    acceptedYtd: row?.windows.ytd[F.accepted] ?? 0,
    completionRate: row ? RATES.completionRate(ytd) : null,
    satisfactionRate: row ? RATES.satisfactionRate(ytd) : null,
    onTimeRate: row ? RATES.onTimeRate(ytd) : null,
    open: row?.open ?? 0,
    overdue: row?.overdue ?? 0,
    onDuty: row?.onDuty ?? 0,
  }
}

/** The parent's own row, for a wall above it (a nation over provinces): its roots' rows added counter by counter. */
function summedRow(s: Snapshot, rows: HeadlineRow[], stale: boolean): HeadlineRow {
  const windows = {} as Record<WindowKey, number[]>
  for (const w of WINDOWS) {
    windows[w] = new Array<number>(BUCKET_FIELDS).fill(0)
    for (const r of rows) add(windows[w], r.windows[w])
  }
  return {
    region: s.region,
    today: s.today,
    windows,
    open: s.open,
    overdue: s.overdue,
    onDuty: s.grid.onDuty,
    asOf: s.asOf,
    lastEventAt: s.lastEventAt,
    grids: s.grid.grids,
    hourly: s.hourly,
    daily: s.daily,
    ...(s.overdueAge && { overdueAge: s.overdueAge }),
    ...(s.cohort && { cohort: s.cohort }),
    lastPatrolAt: s.grid.lastPatrolAt,
    ...(stale && { stale }),
  }
}

/**
 * The snapshot of `tree`'s root over `reads` at `now` (the parent's clock decides its day), and
 * the parent's own row (marked stale while one of its roots is).
 */
export function parentSnapshot(tree: RegionTree, reads: RootRead[], now: number, staleAfterMs: number): { snapshot: Snapshot; row: HeadlineRow } {
  const root = tree.root
  const today = dayIndex(now)
  const date = dayToDate(today)
  const summed = (r: RootRead): r is RootRead & { row: HeadlineRow } => r.row !== null && r.row.today === date
  const rows = reads.filter(summed).map((r) => r.row)
  const freshness: RootFreshness[] = reads.map((r) => ({
    code: tree.get(r.code)!.code,
    name: tree.get(r.code)!.name,
    asOf: r.row?.asOf ?? null,
    ageMs: r.ageMs === null ? null : Math.round(r.ageMs),
    // A parent's row below this one is stale while one of its own roots is.
    stale: !summed(r) || (r.ageMs ?? Infinity) > staleAfterMs || r.row?.stale === true,
    summed: summed(r),
  }))
  let windows: Record<WindowKey, WindowFigures>
  let counts = { open: 0, overdue: 0, onDuty: 0 }
  if (rows.length) {
    const up = rollUp(root.code, rows)
    windows = up.windows
    counts = { open: up.open, overdue: up.overdue, onDuty: up.onDuty }
  } else {
    const zero = windowFigures(new Float64Array(BUCKET_FIELDS))
    windows = Object.fromEntries(WINDOWS.map((w) => [w, zero])) as Record<WindowKey, WindowFigures>
  }
  const grids = rows.reduce((n, r) => n + r.grids, 0)
  // 超期 by age only when every summed root sent it (a part would understate it).
  const ages = rows.map((r) => r.overdueAge).filter((a): a is OverdueAge => a !== undefined)
  const overdueAge = rows.length && ages.length === rows.length ? ages.reduce((a, b) => ({ today: a.today + b.today, week: a.week + b.week, older: a.older + b.older })) : undefined
  const cohort = sumCohortWindows(rows)
  const lastEvents = rows.map((r) => r.lastEventAt).filter((t): t is number => t !== null)
  const snapshot: Snapshot = {
    region: root.code,
    name: root.name,
    level: root.level,
    asOf: now,
    lastEventAt: lastEvents.length ? Math.max(...lastEvents) : null,
    today: date,
    windows,
    ...(cohort && { cohort }),
    ...counts,
    ...(overdueAge && { overdueAge }),
    hourly: { today: sumHourly(rows, 'today'), yesterday: sumHourly(rows, 'yesterday') },
    daily: sumDaily(rows, today),
    grid: {
      grids,
      onDuty: counts.onDuty,
      patrols: sumField(rows, 'today', F.patrols),
      gridFound: sumField(rows, 'today', F.gridFound),
      patrolCoverage: ratio(sumField(rows, 'today', F.patrolledGrids), grids),
      lastPatrolAt: latestPatrol(rows),
    },
    children: reads.map((r) => childOf(tree, r.code, summed(r) ? r.row : null)),
    rollUp: { staleAfterMs, roots: freshness },
  }
  return { snapshot, row: summedRow(snapshot, rows, freshness.some((f) => f.stale)) }
}
