/** `GET /api/v1/regions/:code/briefing?date=YYYY-MM-DD`: the morning briefing (晨会简报) of a past day. */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { plainJson, RegionParams, viewerErrors, viewerSecurity } from '../http/openapi.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import { isBriefingError, type BriefingService } from '../briefing/briefing-service.ts'
import type { Engine } from '../engine/engine.ts'
import { regionResolver } from './resolve-region.ts'

export interface BriefingRouteOptions {
  engine: Engine
  auth: ViewerAuth
  /** The briefings, built once for the app (the JSON and PDF routes share its cache). */
  briefings: BriefingService
}

type Req = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string; date?: string } }>

export async function briefingRoutes(app: FastifyInstance, { engine, auth, briefings: service }: BriefingRouteOptions): Promise<void> {

  const resolve = regionResolver(engine.tree, auth)

  const schema = {
    summary: 'The morning briefing (晨会简报) of a past day',
    tags: ['regions'],
    params: RegionParams,
    querystring: Type.Object({
      token: Type.Optional(Type.String()),
      // The briefing service explains a malformed or unkept date itself, in Chinese and English.
      date: Type.Optional(Type.String({ description: 'YYYY-MM-DD, default yesterday' })),
    }),
    security: viewerSecurity,
    response: { 200: Type.Ref('Briefing'), 400: Type.Union([Type.Ref('BriefingError'), Type.Ref('Error')]), ...viewerErrors },
  }
  app.get('/api/v1/regions/:code/briefing', { schema, ...plainJson }, async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    const b = service.get(i, req.query.date)
    if (isBriefingError(b)) return reply.code(400).send(b)
    return b
  })
}
