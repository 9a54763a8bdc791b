/** Region routes: node and path, KPI snapshot, child boundaries, recent alerts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { RegionInfo } from '../../shared/region-types.ts'
import { bearer, type ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import type { RegionGeo } from '../geo/region-geo.ts'

export interface RegionRouteOptions {
  engine: Engine
  geo: RegionGeo
  auth: ViewerAuth
}

type Req = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string } }>

export async function regionRoutes(app: FastifyInstance, { engine, geo, auth }: RegionRouteOptions): Promise<void> {
  const tree = engine.tree

  /** Resolves `:code` for this viewer, or answers 401/403/404 and returns -1. */
  function resolve(req: Req, reply: FastifyReply): number {
    const scope = auth.scopeFor(bearer(req.headers.authorization) ?? req.query.token)
    if (scope === undefined) {
      void reply.code(401).send({ error: 'viewer token required (Authorization: Bearer <token> or ?token=)' })
      return -1
    }
    const index = tree.indexOf(req.params.code)
    if (index < 0) {
      void reply.code(404).send({ error: `unknown region "${req.params.code}"; the pack's root is ${tree.root.code}` })
      return -1
    }
    if (!auth.allows(scope, tree.nodes[index].code)) {
      void reply.code(403).send({ error: `this token may view ${scope} and below only` })
      return -1
    }
    return index
  }

  app.get('/api/v1/regions/:code', async (req: Req, reply): Promise<RegionInfo | undefined> => {
    const i = resolve(req, reply)
    if (i < 0) return
    const node = tree.nodes[i]
    return { node, path: tree.path(node.code), children: tree.children(node.code), grids: tree.gridCounts[i] || 1 }
  })

  app.get('/api/v1/regions/:code/snapshot', async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    return engine.snapshot(i)
  })

  app.get('/api/v1/regions/:code/geo', async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    reply.header('Cache-Control', 'public, max-age=3600')
    return geo.geoFor(tree.nodes[i].code)
  })

  app.get('/api/v1/regions/:code/alerts', async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    const code = tree.nodes[i].code
    return engine.recentAlerts.filter((a) => a.kind === 'feedStale' || tree.contains(code, a.region)).reverse()
  })
}
