/** Liveness, readiness, metrics and wall metadata. */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { HealthSchema, ReadySchema } from '../../shared/api-schemas.ts'
import { maskPersonalData } from '../../shared/mask.ts'
import { plainJson } from '../http/openapi.ts'
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
  /** A store refusing writes for longer than this fails /healthz. */
  storeUnhealthyMs: number
  clock: () => number
}

export async function healthRoutes(app: FastifyInstance, o: HealthRouteOptions): Promise<void> {
  // Live unless the store has refused writes for longer than the limit: a restart may heal it.
  app.get('/healthz', { schema: { summary: 'Liveness: 503 once the store has refused writes longer than STORE_UNHEALTHY_SECONDS', tags: ['meta'], response: { 200: HealthSchema, 503: HealthSchema } }, ...plainJson }, async (_req, reply) => {
    const f = o.store.failure
    const brokenMs = f && f.since ? o.clock() - f.since : 0
    if (f && brokenMs > o.storeUnhealthyMs) {
      return reply.code(503).send({ ok: false, reason: `store has refused writes for ${Math.round(brokenMs / 1000)} s: ${f.reason}` })
    }
    return { ok: true }
  })

  app.get('/readyz', { schema: { summary: 'Readiness: store reachable, replay done', tags: ['meta'], response: { 200: ReadySchema, 503: ReadySchema } }, ...plainJson }, async (_req, reply) => {
    const ready = o.isReady() && o.store.healthy
    let storeLatencyMs: number | null = null
    try {
      storeLatencyMs = await o.store.ping()
    } catch {
      // Unreachable store: not ready, reported below.
    }
    const ok = ready && storeLatencyMs !== null
    const reason = o.engine.replaying
      ? 'replaying history'
      : (o.store.failure?.reason ?? (storeLatencyMs === null ? 'store unreachable' : o.store.healthy ? null : 'store unavailable'))
    return reply.code(ok ? 200 : 503).send({ ok, store: o.store.kind, storeLatencyMs, replaying: o.engine.replaying, ...(ok ? {} : { reason }) })
  })

  app.get('/api/v1/meta', { schema: { summary: 'Root region, wall title, push tick', tags: ['meta'], response: { 200: Type.Ref('Meta') } }, ...plainJson }, async () => ({ root: o.engine.tree.root, title: o.title, tickMs: o.tickMs }))

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (METRICS_TOKEN, or loopback clients only)',
        tags: ['meta'],
        security: [{ metricsToken: [] }, {}],
        response: { 200: Type.String({ description: 'Prometheus text format' }), 401: Type.Ref('Error'), 403: Type.Ref('Error') },
      },
    },
    async (_req, reply) => {
      const agg = o.engine.agg
      o.metrics.pending.set(agg.pendingRequests)
      // A counter kept by the engine: the metric follows it (it only grows while the process lives).
      o.metrics.orphansExpired.reset()
      o.metrics.orphansExpired.inc(agg.orphansExpired)
      o.metrics.requests.set(agg.requests.size)
      o.metrics.departmentCapHits.reset()
      o.metrics.departmentCapHits.inc(o.engine.loop.departments.capHits)
      o.metrics.mapPointsDropped.reset()
      o.metrics.mapPointsDropped.inc(o.engine.points.dropped)
      o.metrics.coldReads.reset()
      o.metrics.coldReads.inc(agg.counters.cold.reads)
      o.metrics.regionLoads.reset()
      o.metrics.regionLoads.inc(agg.counters.loads)
      // Upstream strings as labels: masked like a summary, since anything can be typed into a category.
      for (const [c, n] of [...agg.unknownCategories].slice(0, 50)) o.metrics.unknownCategories.set({ category: maskPersonalData(c) }, n)
      reply.header('Content-Type', o.metrics.registry.contentType)
      return o.metrics.registry.metrics()
    },
  )
}
