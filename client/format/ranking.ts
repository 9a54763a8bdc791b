import type { ChildFigures } from '../../shared/kpi-types.ts'
import type { Measure } from '../charts/region-map.ts'

/** Children ranked by a measure: most accepted, best completion rate, or most overdue first. */
export function rankChildren(children: ChildFigures[], measure: Measure): ChildFigures[] {
  const key = (c: ChildFigures): number =>
    measure === 'volume' ? c.acceptedToday : measure === 'overdue' ? c.overdue : (c.completionRate ?? -1)
  return [...children].sort((a, b) => key(b) - key(a) || b.acceptedToday - a.acceptedToday || a.code.localeCompare(b.code))
}
