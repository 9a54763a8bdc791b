/** The grid figures (网格化管理) of a region: one definition for the snapshot, the briefing and the region API. */
import type { RegionTree } from '../region-tree.ts'
import { ratio } from './window-figures.ts'

/**
 * 网格数 (grids): the grids in a region's subtree. A grid counts itself; a region with no grid
 * below it has 0 (never 1: a grid coverage over nothing is no coverage).
 */
export const gridsOf = (tree: RegionTree, index: number): number => tree.gridCounts[index] || (tree.nodes[index].level === 'grid' ? 1 : 0)

/**
 * 巡查覆盖率 (patrol coverage): the share of a region's grids patrolled at least once on a day —
 * grids with a `grid.patrol` that day over 网格数; null where there are no grids.
 */
export const patrolCoverage = (patrolledGrids: number, grids: number): number | null => ratio(patrolledGrids, grids)
