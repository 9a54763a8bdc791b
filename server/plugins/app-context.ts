/** What the app's plugins share: configuration, the opened engine and store, the region tree, the clock, viewer auth and metrics. */
import type { RegionTree } from '../../shared/region-tree.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Config } from '../config.ts'
import type { Engine } from '../engine/engine.ts'
import type { Metrics } from '../metrics.ts'
import type { EventStore } from '../store/event-store.ts'

export interface AppContext {
  config: Config
  engine: Engine
  store: EventStore
  tree: RegionTree
  clock: () => number
  auth: ViewerAuth
  metrics: Metrics
}
