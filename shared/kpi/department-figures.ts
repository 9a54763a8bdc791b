/** The department (承办单位) KPIs over summed counters: one definition for wall, API and briefing. */
import type { DepartmentRow, RateWithN } from '../department-types.ts'
import { DF } from './department-contribution.ts'

const rate = (num: number, n: number): RateWithN => ({ value: n > 0 ? num / n : null, n })

/** The name of the slot that holds the departments past a region's cap. */
export const OTHER_DEPARTMENT = '其他'

/**
 * The department rates, with their 中文 names:
 * - 及时签收率 `timelySignRate`: dispatches signed within the limit / dispatches signed or past the limit;
 * - 按时办结率 `onTimeRate`: completions by the deadline / completions;
 * - 退单率 `returnRate`: returns / dispatches;
 * - 满意率 `satisfactionRate`: visits rated satisfied or basically satisfied / visits.
 */
export const DEPARTMENT_RATES = {
  timelySignRate: (b: Float64Array) => rate(b[DF.signTimely], b[DF.signDue]),
  onTimeRate: (b: Float64Array) => rate(b[DF.completedOnTime], b[DF.completed]),
  returnRate: (b: Float64Array) => rate(b[DF.returned], b[DF.dispatched]),
  satisfactionRate: (b: Float64Array) => rate(b[DF.visitsGood], b[DF.visits]),
}

/** 中文 names of the figures of a department row. */
export const DEPARTMENT_FIGURE_NAMES = {
  dispatched: '派单',
  signed: '签收',
  completed: '办结',
  returned: '退单',
  reopened: '重办',
  timelySignRate: '及时签收率',
  onTimeRate: '按时办结率',
  returnRate: '退单率',
  satisfactionRate: '满意率',
  avgHandleHours: '平均办理时长',
  open: '在办',
  overdue: '超期在办',
} as const satisfies Record<Exclude<keyof DepartmentRow, 'name'>, string>

/** The row of a department from its summed counters `b` (`DEPT_FIELDS` of them) and its now-figures. */
export function departmentRow(name: string, b: Float64Array, open: number, overdue: number): DepartmentRow {
  const completed = b[DF.completed]
  return {
    name,
    dispatched: b[DF.dispatched],
    signed: b[DF.signed],
    completed,
    returned: b[DF.returned],
    reopened: b[DF.reopened],
    timelySignRate: DEPARTMENT_RATES.timelySignRate(b),
    onTimeRate: DEPARTMENT_RATES.onTimeRate(b),
    returnRate: DEPARTMENT_RATES.returnRate(b),
    satisfactionRate: DEPARTMENT_RATES.satisfactionRate(b),
    avgHandleHours: completed > 0 ? b[DF.handleSeconds] / completed / 3600 : null,
    open,
    overdue,
  }
}

/** Whether a row has anything to show. */
export const rowActive = (r: DepartmentRow): boolean => r.dispatched + r.signed + r.completed + r.returned + r.reopened + r.open + r.satisfactionRate.n > 0

/** Ranking order: 按时办结率 descending (rows without completions last), then completions, dispatches, name. */
export function compareDepartments(a: DepartmentRow, b: DepartmentRow): number {
  const ra = a.onTimeRate.value ?? -1
  const rb = b.onTimeRate.value ?? -1
  return rb - ra || b.completed - a.completed || b.dispatched - a.dispatched || a.name.localeCompare(b.name, 'zh')
}
