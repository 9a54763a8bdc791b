/** Pure helpers of the briefing's department page: the 红黑榜 of mature windows and the 督办清单 by department. */
import type { OverdueItem } from '../../shared/briefing-types.ts'
import type { DepartmentRow } from '../../shared/department-types.ts'

/** Completions a department needs in the window to be ranked (a rate of 2 says little). */
export const MIN_RANKED = 5

/** The best and worst `k` departments by 按时办结率 among those with at least `min` completions. */
export function redBlack(rows: readonly DepartmentRow[], k = 5, min = MIN_RANKED): { red: DepartmentRow[]; black: DepartmentRow[]; ranked: number } {
  const ranked = rows
    .filter((r) => r.onTimeRate.n >= min)
    .sort((a, b) => b.onTimeRate.value! - a.onTimeRate.value! || b.onTimeRate.n - a.onTimeRate.n || a.name.localeCompare(b.name, 'zh'))
  const red = ranked.slice(0, k)
  const black = ranked.slice(Math.max(k, ranked.length - k)).reverse()
  return { red, black, ranked: ranked.length }
}

/** One department's share of the 督办清单. */
export interface SupervisionGroup {
  department: string | null
  count: number
  urgent: number
  /** The longest overdue, hours. */
  maxHours: number
}

/** The 督办清单 grouped by department, most items first. */
export function byDepartment(items: readonly OverdueItem[]): SupervisionGroup[] {
  const groups = new Map<string | null, SupervisionGroup>()
  for (const o of items) {
    let g = groups.get(o.department)
    if (!g) groups.set(o.department, (g = { department: o.department, count: 0, urgent: 0, maxHours: 0 }))
    g.count++
    if (o.urgent) g.urgent++
    g.maxHours = Math.max(g.maxHours, o.hoursOverdue)
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.maxHours - a.maxHours || (a.department ?? '').localeCompare(b.department ?? '', 'zh'))
}
