/** The grid figures of the day before, for a wall at night: 上一班次 instead of today's zeros. */
import { F } from '../../shared/kpi/bucket-fields.ts'
import { ratio } from '../../shared/kpi/window-figures.ts'
import type { LastShift } from '../../shared/kpi-types.ts'
import { dayToDate } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'

/** Region `index`'s patrols, grid-found requests and coverage on the day before `today`, or null when none is held. */
export function lastShift(agg: Aggregator, index: number, today: number): LastShift | null {
  const b = agg.stats[index]?.dayAt(today - 1)
  if (!b) return null
  const node = agg.tree.nodes[index]
  const grids = agg.tree.gridCounts[index] || (node.level === 'grid' ? 1 : 0)
  return { date: dayToDate(today - 1), patrols: b[F.patrols], gridFound: b[F.gridFound], patrolCoverage: ratio(b[F.patrolledGrids], grids) }
}
