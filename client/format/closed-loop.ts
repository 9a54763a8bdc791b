/** Pure helpers of the closed-loop panels: the department measure, its ranking, stage rows, word sizes. */
import type { DepartmentRow, HotWord, StageBoard } from '../../shared/department-types.ts'
import { AGE_BANDS, STAGES } from '../../shared/department-types.ts'

/** Measures of the 承办单位 panel. */
export const DEPT_MEASURES = ['onTimeRate', 'timelySignRate', 'returnRate', 'satisfactionRate', 'overdue'] as const
export type DeptMeasure = (typeof DEPT_MEASURES)[number]

/** The value of a measure (a fraction, or a count for 超期在办) and its n (null for counts). */
export function measureOf(r: DepartmentRow, m: DeptMeasure): { value: number | null; n: number | null } {
  if (m === 'overdue') return { value: r.overdue, n: null }
  return { value: r[m].value, n: r[m].n }
}

/** Lower is better for these. */
const LOWER_BETTER = new Set<DeptMeasure>(['returnRate', 'overdue'])

/** Rows ranked best first by a measure (rows without a value last, then by volume). */
export function rankDepartments(rows: readonly DepartmentRow[], m: DeptMeasure): DepartmentRow[] {
  const sign = LOWER_BETTER.has(m) ? 1 : -1
  return [...rows].sort((a, b) => {
    const va = measureOf(a, m).value
    const vb = measureOf(b, m).value
    if (va === null || vb === null) return (va === null ? 1 : 0) - (vb === null ? 1 : 0) || b.dispatched - a.dispatched
    return sign * (va - vb) || b.dispatched - a.dispatched || a.name.localeCompare(b.name, 'zh')
  })
}

/** Rows of the stage board with their total, in stage order. */
export function stageRows(board: StageBoard | undefined): { stage: (typeof STAGES)[number]; bands: number[]; total: number }[] {
  return STAGES.map((stage) => {
    const bands = AGE_BANDS.map((b) => board?.[stage][b] ?? 0)
    return { stage, bands, total: bands.reduce((a, b) => a + b, 0) }
  })
}

/** Font sizes of words from their weights: `min` to `max` px, by the square root of the weight. */
export function wordSizes(words: readonly HotWord[], min = 16, max = 30): number[] {
  const top = Math.max(...words.map((w) => w.weight), 0)
  return words.map((w) => (top > 0 ? Math.round(min + (max - min) * Math.sqrt(w.weight / top)) : min))
}
