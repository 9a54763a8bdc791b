/** The grid figures of the day before, for a wall at night: 上一班次 instead of today's zeros. */
import { F } from '../../shared/kpi/bucket-fields.ts'
import { gridsOf, patrolCoverage } from '../../shared/kpi/grid.ts'
import type { LastShift } from '../../shared/kpi-types.ts'
import { dayToDate } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'

/** Region `index`'s patrols, grid-found requests and coverage on the day before `today`, or null when none is held. */
export function lastShift(agg: Aggregator, index: number, today: number): LastShift | null {
  const b = agg.stats[index]?.dayAt(today - 1)
  if (!b) return null
  return { date: dayToDate(today - 1), patrols: b[F.patrols], gridFound: b[F.gridFound], patrolCoverage: patrolCoverage(b[F.patrolledGrids], gridsOf(agg.tree, index)) }
}
