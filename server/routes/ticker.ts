/** `GET /api/v1/regions/:code/ticker`: the region's last requests (masked), so a wall's ticker is full on load. */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import { plainJson, RegionParams, viewerErrors, viewerSecurity } from '../http/openapi.ts'
import { RECENT_DEFAULT, RECENT_MAX, recentRequests } from '../ticker/recent-requests.ts'
import { regionResolver } from './resolve-region.ts'

const Query = Type.Object({
  token: Type.Optional(Type.String({ description: 'viewer token (prefer the Authorization header)' })),
  n: Type.Optional(Type.Integer({ minimum: 1, maximum: RECENT_MAX, default: RECENT_DEFAULT, description: 'how many requests, newest first' })),
})

export async function tickerRoutes(app: FastifyInstance, { engine, auth }: { engine: Engine; auth: ViewerAuth }): Promise<void> {
  const resolve = regionResolver(engine.tree, auth)
  app.get(
    '/api/v1/regions/:code/ticker',
    {
      schema: {
        summary: 'The last requests in the subtree, newest first (personal data masked)',
        tags: ['regions'],
        params: RegionParams,
        querystring: Query,
        security: viewerSecurity,
        response: { 200: Type.Array(Type.Ref('TickerItem')), ...viewerErrors },
      },
      ...plainJson,
    },
    async (req: FastifyRequest<{ Params: { code: string }; Querystring: { token?: string; n?: number } }>, reply) => {
      const i = resolve(req, reply)
      if (i < 0) return
      return recentRequests(engine.agg, i, req.query.n ?? RECENT_DEFAULT, engine.clock())
    },
  )
}
