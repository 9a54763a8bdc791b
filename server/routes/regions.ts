/** Region routes: node and path, KPI snapshot, child boundaries, recent alerts. */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { RegionInfo } from '../../shared/region-types.ts'
import { gridsOf } from '../../shared/kpi/grid.ts'
import type { AlertWording } from '../alerts/alert-messages.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import type { RegionGeo } from '../geo/region-geo.ts'
import { plainJson, RegionParams, TokenQuery, viewerErrors, viewerSecurity } from '../http/openapi.ts'
import { regionResolver, type RegionRequest as Req } from './resolve-region.ts'

export interface RegionRouteOptions {
  engine: Engine
  geo: RegionGeo
  auth: ViewerAuth
  /** Words the listed alerts (`message`, `messageEn`). */
  alerts: AlertWording
}

export async function regionRoutes(app: FastifyInstance, { engine, geo, auth, alerts }: RegionRouteOptions): Promise<void> {
  const tree = engine.tree

  const resolve = regionResolver(tree, auth)
  const read = (summary: string, ok: object) => ({
    schema: { summary, tags: ['regions'], params: RegionParams, querystring: TokenQuery, security: viewerSecurity, response: { 200: ok, ...viewerErrors } },
    ...plainJson,
  })

  app.get('/api/v1/regions/:code', read('The region, its ancestors and children', Type.Ref('RegionInfo')), async (req: Req, reply): Promise<RegionInfo | undefined> => {
    const i = resolve(req, reply)
    if (i < 0) return
    const node = tree.nodes[i]
    return { node, path: tree.path(node.code), children: tree.children(node.code), grids: gridsOf(tree, i) }
  })

  app.get('/api/v1/regions/:code/snapshot', read('Every KPI of the region over its subtree', Type.Ref('Snapshot')), async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    return reply.type('application/json; charset=utf-8').send(engine.snapshotJson(i))
  })

  app.get('/api/v1/regions/:code/geo', read('Boundaries of the children (GeoJSON)', Type.Ref('RegionGeo')), async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    reply.header('Cache-Control', 'public, max-age=3600')
    return geo.geoFor(tree.nodes[i].code)
  })

  app.get('/api/v1/regions/:code/alerts', read('Recent alerts in the subtree, newest first', Type.Array(Type.Ref('Alert'))), async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    const code = tree.nodes[i].code
    return alerts.word(engine.recentAlerts.filter((a) => a.kind === 'feedStale' || tree.contains(code, a.region)).reverse())
  })
}
