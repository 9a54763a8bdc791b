/** The whole server as one composition: store, engine, HTTP routes, Socket.IO push. */
import { existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { Server } from 'socket.io'
import type { RegionTree } from '../shared/region-tree.ts'
import { createViewerAuth } from './auth/viewer-auth.ts'
import type { Config } from './config.ts'
import { Engine } from './engine/engine.ts'
import { createRegionGeo } from './geo/region-geo.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { attachSockets, createPusher, type YiwangServer } from './push/socket-server.ts'
import { loadRegionPack } from './regions/load-pack.ts'
import { briefingRoutes } from './routes/briefing.ts'
import { eventsRoutes } from './routes/events.ts'
import { healthRoutes } from './routes/health.ts'
import { regionRoutes } from './routes/regions.ts'
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
}

export interface BuiltApp {
  app: FastifyInstance
  io: YiwangServer
  engine: Engine
  metrics: Metrics
  /** Runs one push tick now (tests drive time with it). */
  tick(): void
}

/** Builds the app: opens the store (replaying history into the engine) and registers everything. */
export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const { config, store } = deps
  const clock = deps.clock ?? Date.now
  const tree = deps.tree ?? loadRegionPack(config.regionRoot)
  const metrics = createMetrics()
  const engine = new Engine({ tree, clock, feedStaleMs: config.feedStaleMs, workHours: config.workHours })
  await store.open(
    (cp) => engine.restore(cp.state),
    (events) => engine.applyCommitted(events),
  )
  engine.replaying = false

  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: config.bodyLimit, forceCloseConnections: true })
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    if (status >= 500) req.log.error(err)
    return reply.code(status).send({ error: status === 500 ? 'internal error' : err.message })
  })
  const io: YiwangServer = new Server(app.server, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000 })
  await deps.configureIo?.(io)
  const auth = createViewerAuth(config.viewTokens, config.allowAnonymous, tree)
  const geo = createRegionGeo(tree, { onMismatch: (m) => app.log.warn({ mismatch: m }, 'region boundary mismatch') })
  const pusher = createPusher(io, { engine, metrics, storeHealthy: () => store.healthy })
  attachSockets(io, { engine, auth, metrics, pusher })

  await app.register(eventsRoutes, {
    store,
    tree,
    clock,
    metrics,
    ingestToken: config.ingestToken,
    maxBatch: config.maxBatch,
    maxInflight: config.maxInflight,
    onIngested: (at) => pusher.ingested(at),
  })
  await app.register(regionRoutes, { engine, geo, auth })
  await app.register(briefingRoutes, { engine, auth })
  await app.register(healthRoutes, {
    engine,
    store,
    metrics,
    title: config.title ?? `${tree.root.name}民心网(8890) · 党群一张网运行态势`,
    tickMs: config.tickMs,
    isReady: () => !engine.replaying,
  })
  const index = join(config.clientDir, 'index.html')
  if (existsSync(index)) {
    await app.register(fastifyStatic, {
      root: config.clientDir,
      wildcard: false,
      index: false,
      // Built assets carry a content hash in their name: a wall reloading keeps its scripts and
      // font chunks without asking again. Anything else (index.html) is revalidated every time.
      setHeaders: (reply, path) => {
        const hashed = relative(config.clientDir, path).split(sep)[0] === 'assets'
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(req.url.split('?')[0])) {
        return reply.type('text/html').sendFile('index.html')
      }
      return reply.code(404).send({ error: `not found: ${req.method} ${req.url.split('?')[0]}` })
    })
  }

  const timer = setInterval(() => pusher.tick(), config.tickMs)
  const checkpoints = setInterval(() => void checkpoint(), config.checkpointEveryMs)
  timer.unref()
  checkpoints.unref()
  async function checkpoint(): Promise<void> {
    try {
      await store.saveCheckpoint(engine.serialize())
    } catch (err) {
      app.log.warn({ err }, 'checkpoint failed')
    }
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
    if (store.healthy) await checkpoint()
    await store.close()
  })
  return { app, io, engine, metrics, tick: () => pusher.tick() }
}
