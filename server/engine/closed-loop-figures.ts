/** The closed-loop figures of a region as the API and the snapshot give them. */
import { DEPT_FIELDS } from '../../shared/kpi/department-contribution.ts'
import { compareDepartments, departmentRow, rowActive } from '../../shared/kpi/department-figures.ts'
import { stageBoard } from '../../shared/kpi/request-stage.ts'
import { count, F } from '../../shared/kpi/bucket-fields.ts'
import type { ClosedLoopFigures, DayFlow, DepartmentRanking, DepartmentRow, DepartmentWindow } from '../../shared/department-types.ts'
import { dayToDate, windowDays } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'
import { DEPARTMENT_LEVEL, type ClosedLoop } from './closed-loop.ts'

/** Departments in the snapshot (the wall's panel). */
export const SNAPSHOT_DEPARTMENTS = 10
/** Hot words in the snapshot, per window. */
export const SNAPSHOT_WORDS = 20

/** The day range of a department window ending `today`. */
export function departmentWindowDays(w: DepartmentWindow, today: number): [number, number] {
  return windowDays(w === '7d' ? 'last7' : w, today)
}

/** The region whose departments stand for `index`: itself, or its street for a community or grid. */
export function departmentScope(agg: Aggregator, loop: ClosedLoop, index: number): number {
  if (loop.hasDepartments(index)) return index
  for (const i of agg.chain(index)) if (loop.hasDepartments(i) && agg.tree.nodes[i].level === DEPARTMENT_LEVEL) return i
  return 0
}

/** Ranked department rows of region `scope` over an inclusive day range. */
export function departmentRows(loop: ClosedLoop, scope: number, from: number, to: number): DepartmentRow[] {
  const names = loop.departments.names(scope)
  const sums = loop.departments.sum(scope, from, to)
  const rows: DepartmentRow[] = []
  const b = new Float64Array(DEPT_FIELDS)
  names.forEach((name, slot) => {
    b.fill(0)
    b.set(sums.subarray(slot * DEPT_FIELDS, Math.min(sums.length, (slot + 1) * DEPT_FIELDS)))
    const [open, overdue] = loop.nowOf(scope, slot)
    const row = departmentRow(name, b, open, overdue)
    if (rowActive(row)) rows.push(row)
  })
  return rows.sort(compareDepartments)
}

/** The ranking of the departments of region `index`'s subtree over `window` ending `today`. */
export function departmentRanking(agg: Aggregator, loop: ClosedLoop, index: number, window: DepartmentWindow, today: number): DepartmentRanking {
  const scope = departmentScope(agg, loop, index)
  const [from, to] = departmentWindowDays(window, today)
  return {
    region: agg.tree.nodes[index].code,
    scope: agg.tree.nodes[scope].code,
    scopeName: agg.tree.nodes[scope].name,
    window,
    from: dayToDate(from),
    to: dayToDate(to),
    rows: departmentRows(loop, scope, from, to),
  }
}

function dayFlow(agg: Aggregator, loop: ClosedLoop, index: number, day: number): DayFlow {
  const b = agg.stats[index]?.dayAt(day)
  const [dispatched, signed] = loop.flow.of(index, day)
  return {
    accepted: b ? count(b[F.accepted]) : 0,
    dispatched: count(dispatched),
    signed: count(signed),
    completed: b ? count(b[F.completed]) : 0,
    visited: b ? count(b[F.visits]) : 0,
  }
}

/** The wall's department panel of region `scope`: the month's busiest departments (the API ranks all of them). */
export function departmentPanel(agg: Aggregator, loop: ClosedLoop, scope: number, today: number): ClosedLoopFigures['departments'] {
  const [from, to] = departmentWindowDays('month', today)
  const rows = departmentRows(loop, scope, from, to)
    .sort((a, b) => b.dispatched + b.open - (a.dispatched + a.open) || compareDepartments(a, b))
    .slice(0, SNAPSHOT_DEPARTMENTS)
    .sort(compareDepartments)
  return { scope: agg.tree.nodes[scope].code, rows }
}

/** What the snapshot of region `index` carries of the closed loop at `now`. */
export function closedLoopFigures(agg: Aggregator, loop: ClosedLoop, index: number, now: number, today: number): ClosedLoopFigures {
  return {
    departments: departmentPanel(agg, loop, departmentScope(agg, loop, index), today),
    stages: stageBoard(loop.stages.of(index)),
    flow: { today: dayFlow(agg, loop, index, today), yesterday: dayFlow(agg, loop, index, today - 1) },
    hotWords: loop.words.words(index, now, SNAPSHOT_WORDS),
  }
}


