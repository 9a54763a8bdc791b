import type { ChildFigures } from '../../shared/kpi-types.ts'
import type { Measure } from '../charts/region-map.ts'

/**
 * Children ranked by a measure: most accepted today, best completion rate, or most overdue first.
 * Ties (all zero today at night, in a small region) go by what still means something: today's
 * requests, then 超期, then the year's requests; the code last, so the order never flickers.
 */
export function rankChildren(children: ChildFigures[], measure: Measure): ChildFigures[] {
  const key = (c: ChildFigures): number =>
    measure === 'volume' ? c.acceptedToday : measure === 'overdue' ? c.overdue : (c.completionRate ?? -1)
  return [...children].sort(
    (a, b) => key(b) - key(a) || b.acceptedToday - a.acceptedToday || b.overdue - a.overdue || b.acceptedYtd - a.acceptedYtd || a.code.localeCompare(b.code),
  )
}
