/** The headline row a region root publishes for the walls above it (see `shared/roll-up.ts`, docs/scale.md). */
import type { HeadlineRow } from '../../shared/roll-up.ts'
import { WINDOWS, type WindowKey } from '../../shared/kpi-types.ts'
import { dayIndex, windowDays } from '../../shared/time-windows.ts'
import type { Engine } from '../engine/engine.ts'
import { sumDays } from '../engine/snapshot.ts'

/** The row of region `code` (the engine's root by default) as the engine holds it now. */
export function headlineRow(engine: Engine, code = engine.tree.root.code): HeadlineRow {
  const index = engine.tree.indexOf(code)
  if (index < 0) throw new Error(`headline row: ${code} is not in this engine's region pack`)
  const now = engine.clock()
  const today = dayIndex(now)
  const stats = engine.agg.stats[index]
  const windows = {} as Record<WindowKey, number[]>
  for (const w of WINDOWS) {
    const [from, to] = windowDays(w, today)
    windows[w] = Array.from(sumDays(stats, from, to))
  }
  // The series, the grid count and 超期 by age as the region's wall shows them (cached per figures version).
  const snap = engine.snapshot(index)
  return {
    region: engine.tree.nodes[index].code,
    today: snap.today,
    windows,
    open: stats?.open ?? 0,
    overdue: stats?.overdue ?? 0,
    onDuty: stats?.onDuty ?? 0,
    asOf: now,
    lastEventAt: snap.lastEventAt,
    grids: snap.grid.grids,
    hourly: snap.hourly,
    daily: snap.daily,
    ...(snap.overdueAge && { overdueAge: snap.overdueAge }),
    ...(snap.cohort && { cohort: snap.cohort }),
    lastPatrolAt: snap.grid.lastPatrolAt,
  }
}
