/** The patrol figures the grid panel shows: today's, or the last shift's (上一班次) before today's first patrol. */
import type { Snapshot } from '../../shared/kpi-types.ts'

export interface ShownShift {
  patrols: number
  gridFound: number
  patrolCoverage: number | null
  /** YYYY-MM-DD of the last shift when it is shown instead of today, else null. */
  lastShift: string | null
}

export function shownShift(s: Snapshot): ShownShift {
  const last = s.lastShift
  if (s.grid.patrols === 0 && last && last.patrols > 0) return { patrols: last.patrols, gridFound: last.gridFound, patrolCoverage: last.patrolCoverage, lastShift: last.date }
  return { patrols: s.grid.patrols, gridFound: s.grid.gridFound, patrolCoverage: s.grid.patrolCoverage, lastShift: null }
}
