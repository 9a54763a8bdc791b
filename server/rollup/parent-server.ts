/**
 * The parent wall process (`REGION_ROOT=21 ROLLUP_OF=2103,2111` with Redis): it ingests nothing,
 * reads its roots' headline rows every tick and serves the parent region's wall with the same
 * typed contract as any process — `GET /api/v1/regions/:code/snapshot` and Socket.IO `subscribe`
 * + `frame` deltas — its children being the roots. A frame's `storeHealthy` is false while Redis
 * is unreachable or a root's row is stale, so walls show stale; `snapshot.rollUp` says which root.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { Server } from 'socket.io'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { Frame, Subscription } from '../../shared/socket-contract.ts'
import { diffSnapshot } from '../../shared/snapshot-feed.ts'
import { viewerMiddleware } from '../auth/socket-viewer.ts'
import { createViewerAuth } from '../auth/viewer-auth.ts'
import { loadConfig, type Config } from '../config.ts'
import { registerOpenApi } from '../http/openapi.ts'
import { createMetrics } from '../metrics.ts'
import { ROOM } from '../push/pusher.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { createSecurity, withRedaction } from '../security/security.ts'
import { redisOptionsFromEnv } from '../store/redis-options.ts'
import { HEADLINE_MAX_BYTES, HEADLINE_TTL_MS } from './headline-publisher.ts'
import { HeadlineSource } from './headline-source.ts'
import { parentRoutes } from './parent-routes.ts'
import { parentSnapshot } from './parent-snapshot.ts'

export interface ParentServer {
  app: FastifyInstance
  io: YiwangServer
  url: string
  port: number
  /** The parent region's code. */
  root: string
  /** Reads the rows and pushes one frame now (the timer does it every tick). */
  tick(): Promise<void>
  close(): Promise<void>
}

/** The roots of `config.rollupOf` checked against the parent's pack: known, below its root, none inside another. */
function checkedRoots(config: Config, tree: ReturnType<typeof loadRegionPack>): string[] {
  const roots = config.rollupOf.map((code) => {
    const node = tree.get(code)
    if (!node || node.code === tree.root.code) throw new Error(`ROLLUP_OF: ${code} is not a region below ${tree.root.code} in the region pack`)
    return node.code
  })
  for (const a of roots) for (const b of roots) if (a !== b && tree.contains(a, b)) throw new Error(`ROLLUP_OF: ${b} is inside ${a}; its events would count twice`)
  return roots
}

/** Starts a parent wall from environment variables; resolves once it has read the rows and listens. */
export async function startParentServer(env: Record<string, string | undefined>, options: { logger?: boolean | object; clock?: () => number } = {}): Promise<ParentServer> {
  const config = loadConfig(env)
  if (!config.redisUrl || !config.rollupOf.length) throw new Error('a parent wall needs ROLLUP_OF and REDIS_URL (or REDIS_CLUSTER_NODES)')
  const clock = options.clock ?? Date.now
  const tree = loadRegionPack(config.regionRoot)
  const roots = checkedRoots(config, tree)
  const auth = createViewerAuth(config.viewTokens, config.allowAnonymous, tree)
  const metrics = createMetrics()
  const security = createSecurity(config)
  const app = Fastify({ logger: withRedaction(options.logger ?? false), forceCloseConnections: true, trustProxy: config.trustProxy })
  const redis = redisOptionsFromEnv(config.redisUrl, config.keyPrefix, env)
  const source = new HeadlineSource(config.redisUrl, config.keyPrefix, roots, redis.commandTimeoutMs, (msg) => app.log.warn(msg))
  await source.open(redis.connectWaitMs).catch((err: Error) => {
    source.close()
    throw err
  })

  let current: Subscription = { seq: 0, snapshot: parentSnapshot(tree, await source.read(), clock(), config.rollupStaleMs).snapshot }
  const healthy = (s: Snapshot) => source.healthy && !s.rollUp!.roots.some((r) => r.stale)

  const io: YiwangServer = new Server(app.server, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000, allowRequest: security.allowRequest })
  await registerOpenApi(app)
  await security.apply(app, io, auth, metrics)
  io.use(viewerMiddleware(auth))
  io.on('connection', (socket) => {
    socket.on('subscribe', (payload, ack) => {
      if (typeof ack !== 'function') return
      const node = tree.get(typeof payload?.region === 'string' ? payload.region : '')
      if (node?.code !== tree.root.code) return ack({ ok: false, error: `this parent wall serves ${tree.root.code} only; a root's regions are on the root's own wall` })
      if (!auth.allows(socket.data.scope, node.code)) return ack({ ok: false, error: `not allowed to view ${node.code}` })
      void socket.join(ROOM + node.code)
      ack({ ok: true, data: current })
    })
    socket.on('unsubscribe', (_payload, ack) => {
      void socket.leave(ROOM + tree.root.code)
      if (typeof ack === 'function') ack({ ok: true, data: null })
    })
    socket.on('ackAlert', (_payload, ack) => typeof ack === 'function' && ack({ ok: false, error: "a parent wall has no alerts of its own; acknowledge on the root's wall" }))
  })

  await parentRoutes(app, {
    tree,
    roots,
    auth,
    config,
    snapshot: () => current.snapshot,
    health: () => ({ ok: source.healthy, reason: source.lastError }),
  })

  let ticking: Promise<void> | null = null
  const tick = (): Promise<void> =>
    (ticking ??= (async () => {
      try {
        const { snapshot: next, row } = parentSnapshot(tree, await source.read(), clock(), config.rollupStaleMs)
        // This parent's own row, for a wall above it (a nation over provinces): written like a root's.
        const json = JSON.stringify(row)
        if (Buffer.byteLength(json) <= HEADLINE_MAX_BYTES) void source.publish(tree.root.code, json, HEADLINE_TTL_MS).catch(() => {})
        const patch = diffSnapshot(current.snapshot, next)
        const frame: Frame = { region: tree.root.code, at: next.asOf, lastEventAt: next.lastEventAt, storeHealthy: healthy(next) }
        if (patch) {
          frame.kpi = { base: current.seq, seq: current.seq + 1, patch }
          current = { seq: current.seq + 1, snapshot: next }
        }
        io.to(ROOM + tree.root.code).emit('frame', frame)
      } catch (err) {
        app.log.warn({ err }, 'parent tick failed')
      } finally {
        ticking = null
      }
    })())
  const timer = setInterval(() => void tick(), config.tickMs)
  timer.unref()
  app.addHook('preClose', async () => {
    clearInterval(timer)
    io.disconnectSockets(true)
    io.engine.close()
  })
  app.addHook('onClose', async () => {
    await new Promise<void>((r) => io.close(() => r()))
    await ticking
    source.close()
  })
  await app.listen({ host: config.host, port: config.port })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return { app, io, url: `http://${host}:${port}`, port, root: tree.root.code, tick, close: () => app.close() }
}
