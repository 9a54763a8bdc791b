/** 网格: grids, patrol coverage, patrols and grid-found of a region and its children on a day. */
import { F } from '../../shared/kpi/bucket-fields.ts'
import { gridsOf, patrolCoverage } from '../../shared/kpi/grid.ts'
import type { Briefing, GridDay } from '../../shared/briefing-types.ts'
import type { Aggregator } from '../engine/aggregator.ts'
import { isKept, keptDays, type Retention } from './briefing-range.ts'
import { dayBucket } from './day-history.ts'

/** Grid figures of region `i` on `day`; the patrol figures are null when the day is not `known`. */
export function gridDay(agg: Aggregator, i: number, day: number, known: boolean): GridDay {
  const tree = agg.tree
  const n = tree.nodes[i]
  const grids = gridsOf(tree, i)
  const b = dayBucket(agg.statsOf(i), day)
  return {
    code: n.code,
    name: n.name,
    grids,
    patrolledGrids: known ? b[F.patrolledGrids] : null,
    patrols: known ? b[F.patrols] : null,
    patrolCoverage: known ? patrolCoverage(b[F.patrolledGrids], grids) : null,
    gridFound: b[F.gridFound],
  }
}

/** Grid figures of region `index` and of each child whose `day` is kept at its level. */
export function gridFigures(agg: Aggregator, index: number, day: number, today: number, retention: Retention): Briefing['grid'] {
  const tree = agg.tree
  const known = (i: number) => isKept(day, today, keptDays(tree.nodes[i].level, retention))
  return {
    total: gridDay(agg, index, day, known(index)),
    children: tree.childIndices(index).filter(known).map((c) => gridDay(agg, c, day, true)),
  }
}
