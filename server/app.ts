/** The whole server as one composition: store and engine opened, then the app plugin (server/plugins/). */
import Fastify, { type FastifyInstance } from 'fastify'
import type { RegionTree } from '../shared/region-tree.ts'
import { createViewerAuth } from './auth/viewer-auth.ts'
import type { Config } from './config.ts'
import type { Engine } from './engine/engine.ts'
import type { Metrics } from './metrics.ts'
import { openEngine } from './open-engine.ts'
import yiwang from './plugins/yiwang.ts'
import type { YiwangServer } from './push/socket-server.ts'
import { loadRegionPack } from './regions/load-pack.ts'
import { withRedaction } from './security/security.ts'
import type { EventStore } from './store/event-store.ts'

export interface AppDeps {
  config: Config
  store: EventStore
  /** @default Date.now */
  clock?: () => number
  /** @default the pack of config.regionRoot */
  tree?: RegionTree
  /** Fastify logger option. @default false */
  logger?: boolean | object
  /** Extra Socket.IO setup (e.g. the Redis adapter). */
  configureIo?: (io: YiwangServer) => void | Promise<void>
  /** `performance.now()` when the start began (0: the process's start); a stopping server's hint counts from it. @default now */
  startedAt?: number
}

export interface BuiltApp {
  app: FastifyInstance
  io: YiwangServer
  engine: Engine
  metrics: Metrics
  /** Runs one push tick now (tests drive time with it); resolves when its frames are written. */
  tick(): Promise<void>
  /** Writes a checkpoint now (one at a time). */
  checkpoint(): Promise<void>
}

/** Builds the app: opens the store (replaying history into the engine) and registers everything. */
export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const { config, store } = deps
  const startedAt = deps.startedAt ?? performance.now()
  const clock = deps.clock ?? Date.now
  const tree = deps.tree ?? loadRegionPack(config.regionRoot)
  // Bad viewer tokens stop the server before the store opens.
  const auth = createViewerAuth(config.viewTokens, config.allowAnonymous, tree)
  const engine = await openEngine(config, store, tree, clock)
  const app = Fastify({ logger: withRedaction(deps.logger ?? false), bodyLimit: config.bodyLimit, forceCloseConnections: true, trustProxy: config.trustProxy })
  await app.register(yiwang, { config, engine, store, tree, auth, clock, configureIo: deps.configureIo, startedAt })
  return { app, io: app.io, engine, metrics: app.metrics, tick: () => app.pusher.tick(), checkpoint: () => app.checkpoint() }
}
