/**
 * The whole app as one plugin over an opened engine and store: errors, checkpoints, sockets,
 * OpenAPI, security, push, encoded bodies, the API and the built wall, in that order.
 */
import fp from 'fastify-plugin'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Config } from '../config.ts'
import type { Engine } from '../engine/engine.ts'
import { acceptEncodedBodies } from '../http/body-encoding.ts'
import { registerOpenApi } from '../http/openapi.ts'
import { createMetrics, type Metrics } from '../metrics.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { createSecurity } from '../security/security.ts'
import type { EventStore } from '../store/event-store.ts'
import apiRoutes from './api-routes.ts'
import checkpoints from './checkpoints.ts'
import errorHandler from './error-handler.ts'
import push from './push.ts'
import security from './security.ts'
import sockets from './sockets.ts'
import staticClient from './static-client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

export interface YiwangOptions {
  config: Config
  engine: Engine
  store: EventStore
  tree: RegionTree
  /** The viewer tokens' scopes (checked before the store opens). */
  auth: ViewerAuth
  clock: () => number
  /** Extra Socket.IO setup (e.g. the Redis adapter). */
  configureIo?: (io: YiwangServer) => void | Promise<void>
  /** `performance.now()` when the start began: a stopping server's hint counts from it. */
  startedAt: number
}

export default fp<YiwangOptions>(
  async function yiwang(app, { config, engine, store, tree, auth, clock, configureIo, startedAt }) {
    const metrics = createMetrics()
    app.decorate('metrics', metrics)
    const protections = createSecurity(config)

    await app.register(errorHandler)
    // Before the sockets: on close (last registered, first closed) the sockets go first, then the last checkpoint and the store.
    await app.register(checkpoints, { engine, store, config })
    await app.register(sockets, { allowRequest: protections.allowRequest, configureIo })
    await registerOpenApi(app)
    // The security's socket guards before the push's handlers.
    await app.register(security, { security: protections, auth, metrics })
    const ctx = { config, engine, store, tree, clock, auth, metrics }
    await app.register(push, { ...ctx, subscribeRefusal: protections.subscribeRefusal, startedAt })
    acceptEncodedBodies(app)
    await app.register(apiRoutes, { ...ctx, onIngested: (at) => app.pusher.ingested(at) })
    await app.register(staticClient, { clientDir: config.clientDir })
  },
  { name: 'yiwang' },
)
