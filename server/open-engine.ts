/** The engine over an opened store: the last checkpoint restored, the log since replayed. */
import type { RegionTree } from '../shared/region-tree.ts'
import type { Config } from './config.ts'
import { Engine } from './engine/engine.ts'
import type { EventStore } from './store/event-store.ts'

/** Builds the engine for `tree`, opens `store` into it (restoring and replaying) and marks the replay done. */
export async function openEngine(config: Config, store: EventStore, tree: RegionTree, clock: () => number): Promise<Engine> {
  const engine = new Engine({
    tree,
    clock,
    feedStaleMs: config.feedStaleMs,
    feedStaleExpected: config.feedStaleExpected,
    feedLearnDays: config.feedLearnDays,
    departmentsPerRegion: config.departmentsPerRegion,
    pointsPerDay: config.mapPointsPerDay,
  })
  engine.useTables(store.tables)
  await store.open(
    (cp) => engine.restore(cp.state),
    (events) => engine.applyCommitted(events),
  )
  engine.replayed()
  return engine
}
