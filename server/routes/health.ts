/** Liveness, readiness, metrics and wall metadata. */
import type { FastifyInstance } from 'fastify'
import type { Engine } from '../engine/engine.ts'
import type { Metrics } from '../metrics.ts'
import type { EventStore } from '../store/event-store.ts'

export interface HealthRouteOptions {
  engine: Engine
  store: EventStore
  metrics: Metrics
  title: string
  tickMs: number
  isReady: () => boolean
}

export async function healthRoutes(app: FastifyInstance, o: HealthRouteOptions): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }))

  app.get('/readyz', async (_req, reply) => {
    const ready = o.isReady() && o.store.healthy
    let storeLatencyMs: number | null = null
    try {
      storeLatencyMs = await o.store.ping()
    } catch {
      // Unreachable store: not ready, reported below.
    }
    const ok = ready && storeLatencyMs !== null
    return reply.code(ok ? 200 : 503).send({ ok, store: o.store.kind, storeLatencyMs, replaying: o.engine.replaying })
  })

  app.get('/api/v1/meta', async () => ({ root: o.engine.tree.root, title: o.title, tickMs: o.tickMs }))

  app.get('/metrics', async (_req, reply) => {
    const agg = o.engine.agg
    o.metrics.pending.set(agg.pendingRequests)
    o.metrics.orphansExpired.set(agg.orphansExpired)
    o.metrics.requests.set(agg.requests.size)
    for (const [c, n] of [...agg.unknownCategories].slice(0, 50)) o.metrics.unknownCategories.set({ category: c }, n)
    reply.header('Content-Type', o.metrics.registry.contentType)
    return o.metrics.registry.metrics()
  })
}
