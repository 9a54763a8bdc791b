/**
 * The parent wall's HTTP side: the routes the wall reads, for the parent region only. Its
 * snapshot and region info come from the roots' rows; its map shows the roots' boundaries; it
 * has no requests, points or alerts of its own (those stay on each root's wall, masked there),
 * so the ticker, the point layer and the alert list answer empty rather than 404 and the wall
 * loads whole. The built wall is served beside them.
 */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { RegionPoints } from '../../shared/map-points.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { RegionPointsSchema } from '../../shared/map-points.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Config } from '../config.ts'
import { createRegionGeo } from '../geo/region-geo.ts'
import { plainJson, RegionParams, TokenQuery, viewerErrors, viewerSecurity } from '../http/openapi.ts'
import staticClient from '../plugins/static-client.ts'
import { regionResolver, type RegionRequest } from '../routes/resolve-region.ts'

export interface ParentRouteOptions {
  tree: RegionTree
  roots: string[]
  auth: ViewerAuth
  config: Config
  /** The parent's current snapshot. */
  snapshot: () => Snapshot
  /** Whether the last read of the rows reached Redis, and why not. */
  health: () => { ok: boolean; reason: string | null }
}

export async function parentRoutes(app: FastifyInstance, { tree, roots, auth, config, snapshot, health }: ParentRouteOptions): Promise<void> {
  const resolve = regionResolver(tree, auth)
  const read = (summary: string, ok: object, querystring: object = TokenQuery) => ({
    schema: { summary, tags: ['regions'], params: RegionParams, querystring, security: viewerSecurity, response: { 200: ok, ...viewerErrors } },
    ...plainJson,
  })
  /** True for the parent region; answers 401/403/404 otherwise (a root's regions are on the root's wall). */
  const parentOnly = (req: RegionRequest, reply: FastifyReply): boolean => {
    const i = resolve(req, reply)
    if (i < 0) return false
    if (tree.nodes[i].code === tree.root.code) return true
    void reply.code(404).send({ error: `this parent wall serves ${tree.root.code} only; ${tree.nodes[i].code} is on its root's wall` })
    return false
  }
  const geo = createRegionGeo(tree, { onMismatch: (m) => app.log.warn({ mismatch: m }, 'region boundary mismatch') })

  app.get('/api/v1/regions/:code/snapshot', read('The parent region summed from its roots', Type.Ref('Snapshot')), async (req: RegionRequest, reply) => {
    if (parentOnly(req, reply)) return snapshot()
  })
  app.get('/api/v1/regions/:code', read('The parent region and its roots as children', Type.Ref('RegionInfo')), async (req: RegionRequest, reply) => {
    if (parentOnly(req, reply)) return { node: tree.root, path: [], children: roots.map((c) => tree.get(c)!), grids: snapshot().grid.grids }
  })
  app.get('/api/v1/regions/:code/geo', read("Boundaries of the parent's roots (GeoJSON)", Type.Ref('RegionGeo')), async (req: RegionRequest, reply) => {
    if (!parentOnly(req, reply)) return
    const all = geo.geoFor(tree.root.code)
    if (!all) return reply.code(404).send({ error: `no boundaries for ${tree.root.code}` })
    reply.header('Cache-Control', 'public, max-age=3600')
    // Only the roots: the parent's other children hold no figures here.
    return { ...all, features: all.features.filter((f) => roots.includes(f.properties.code)) }
  })
  app.get('/api/v1/regions/:code/alerts', read('None: alerts are raised and acknowledged on the roots’ walls', Type.Array(Type.Ref('Alert'))), async (req: RegionRequest, reply) => {
    if (parentOnly(req, reply)) return []
  })
  const tickerQuery = Type.Object({ token: Type.Optional(Type.String()), n: Type.Optional(Type.Integer({ minimum: 1 })) })
  app.get('/api/v1/regions/:code/ticker', read('None: requests stay on the roots’ walls', Type.Array(Type.Ref('TickerItem')), tickerQuery), async (req: RegionRequest, reply) => {
    if (parentOnly(req, reply)) return []
  })
  const pointsQuery = Type.Object({ token: Type.Optional(Type.String()), date: Type.Optional(Type.String()) })
  app.get('/api/v1/regions/:code/points', read('None: located requests stay on the roots’ walls', RegionPointsSchema, pointsQuery), async (req: RegionRequest, reply): Promise<RegionPoints | undefined> => {
    if (!parentOnly(req, reply)) return
    const s = snapshot()
    return { region: tree.root.code, date: s.today, asOf: s.asOf, capped: false, points: [] }
  })
  app.get('/api/v1/meta', { schema: { summary: 'Root region, wall title, push tick', tags: ['meta'], response: { 200: Type.Ref('Meta') } }, ...plainJson }, async () => ({
    root: tree.root,
    title: config.title ?? `${tree.root.name}民心网(8890) · 党群一张网运行态势`,
    tickMs: config.tickMs,
  }))
  app.get('/healthz', async () => ({ ok: true }))
  app.get('/readyz', async (_req, reply) => {
    const { ok, reason } = health()
    return reply.code(ok ? 200 : 503).send({ ok, store: 'redis', storeLatencyMs: null, replaying: false, ...(ok ? {} : { reason: reason ?? 'Redis unreachable' }) })
  })
  await app.register(staticClient, { clientDir: config.clientDir })
}
