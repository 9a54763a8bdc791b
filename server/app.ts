/** The whole server as one composition: store, engine, HTTP routes, Socket.IO push. */
import { existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { Server } from 'socket.io'
import { acknowledge } from './alerts/acks.ts'
import type { RegionTree } from '../shared/region-tree.ts'
import { createViewerAuth } from './auth/viewer-auth.ts'
import type { Config } from './config.ts'
import { Engine } from './engine/engine.ts'
import { createRegionGeo } from './geo/region-geo.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { attachSockets, createPusher, type YiwangServer } from './push/socket-server.ts'
import { acceptEncodedBodies } from './http/body-encoding.ts'
import { registerOpenApi } from './http/openapi.ts'
import { loadRegionPack } from './regions/load-pack.ts'
import { createSecurity, withRedaction } from './security/security.ts'
import { createBriefingService } from './briefing/briefing-service.ts'
import { briefingRoutes } from './routes/briefing.ts'
import { briefingPdfRoutes } from './routes/briefing-pdf.ts'
import { pointRoutes } from './routes/points.ts'
import { departmentRoutes } from './routes/departments.ts'
import { eventsRoutes } from './routes/events.ts'
import { healthRoutes } from './routes/health.ts'
import { regionRoutes } from './routes/regions.ts'
import { tickerRoutes } from './routes/ticker.ts'
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
  const auth = createViewerAuth(config.viewTokens, config.allowAnonymous, tree)
  const metrics = createMetrics()
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

  const security = createSecurity(config)
  const app = Fastify({ logger: withRedaction(deps.logger ?? false), bodyLimit: config.bodyLimit, forceCloseConnections: true, trustProxy: config.trustProxy })
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    if (status >= 500) req.log.error(err)
    return reply.code(status).send({ error: status === 500 ? 'internal error' : err.message })
  })
  const io: YiwangServer = new Server(app.server, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000, allowRequest: security.allowRequest })
  await deps.configureIo?.(io)
  await registerOpenApi(app)
  await security.apply(app, io, auth, metrics)
  acceptEncodedBodies(app)
  const geo = createRegionGeo(tree, { onMismatch: (m) => app.log.warn({ mismatch: m }, 'region boundary mismatch') })
  const pusher = createPusher(io, { engine, metrics, storeHealthy: () => store.healthy, startedAt })
  attachSockets(io, { engine, auth, metrics, pusher, subscribeRefusal: security.subscribeRefusal, acknowledge: (id, scope) => acknowledge({ store, tree, recent: engine.recentAlerts, clock }, id, scope) })

  await app.register(eventsRoutes, {
    store,
    tree,
    clock,
    metrics,
    ingestToken: config.ingestToken,
    maxBatch: config.maxBatch,
    maxInflight: config.maxInflight,
    dedupeDays: config.dedupeDays,
    onIngested: (at) => pusher.ingested(at),
  })
  await app.register(regionRoutes, { engine, geo, auth })
  await app.register(tickerRoutes, { engine, auth })
  const briefings = createBriefingService(engine)
  await app.register(briefingRoutes, { engine, auth, briefings })
  await app.register(briefingPdfRoutes, { engine, auth, briefings, chromiumPath: config.chromiumPath })
  await app.register(departmentRoutes, { engine, auth })
  await app.register(pointRoutes, { engine, auth })
  await app.register(healthRoutes, {
    engine,
    store,
    metrics,
    title: config.title ?? `${tree.root.name}民心网(8890) · 党群一张网运行态势`,
    tickMs: config.tickMs,
    isReady: () => !engine.replaying,
    storeUnhealthyMs: config.storeUnhealthyMs,
    clock,
  })
  const index = join(config.clientDir, 'index.html')
  if (existsSync(index)) {
    await app.register(fastifyStatic, {
      root: config.clientDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Built assets carry a content hash in their name: a wall reloading keeps its scripts and
      // font chunks without asking again. Anything else (index.html) is revalidated every time.
      setHeaders: (res, path) => {
        const hashed = relative(config.clientDir, path).split(sep)[0] === 'assets'
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
    app.setNotFoundHandler((req, reply) => {
      if ((req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(req.url.split('?')[0])) {
        return reply.type('text/html').sendFile('index.html')
      }
      return reply.code(404).send({ error: `not found: ${req.method} ${req.url.split('?')[0]}` })
    })
  }

  const timer = setInterval(() => pusher.tick(), config.tickMs)
  // State kept as rows is written in small increments: every few seconds and whenever many rows
  // changed (a backfill), so no checkpoint holds the event loop long.
  const checkpoints = setInterval(() => void checkpoint(), config.checkpointEveryMs)
  timer.unref()
  checkpoints.unref()
  let checkpointSoon = false
  engine.onApplied = () => {
    if (checkpointSoon || engine.unsavedRows < config.checkpointRows) return
    checkpointSoon = true
    setImmediate(() => {
      checkpointSoon = false
      if (store.healthy) void checkpoint()
    })
  }
  let checkpointing: Promise<void> | null = null
  function checkpoint(): Promise<void> {
    // One at a time: a checkpoint's rows are committed before the next one takes more.
    checkpointing ??= (async () => {
      try {
        const { state, rows } = engine.checkpointState()
        await store.saveCheckpoint(state, rows)
        engine.checkpointSaved()
      } catch (err) {
        engine.checkpointFailed()
        app.log.warn({ err }, 'checkpoint failed')
      } finally {
        checkpointing = null
      }
    })()
    return checkpointing
  }
  // Sockets first: an open WebSocket would otherwise keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    clearInterval(timer)
    pusher.goodbye()
    io.disconnectSockets(true)
    io.engine.close()
  })
  app.addHook('onClose', async () => {
    clearInterval(checkpoints)
    await new Promise<void>((r) => io.close(() => r()))
    await checkpointing
    if (store.healthy) await checkpoint()
    await store.close()
  })
  return { app, io, engine, metrics, tick: () => pusher.tick(), checkpoint }
}
