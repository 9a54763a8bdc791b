/** `GET /api/v1/regions/:code/briefing?date=YYYY-MM-DD`: the morning briefing (晨会简报) of a past day. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import { createBriefingService, isBriefingError } from '../briefing/briefing-service.ts'
import type { Engine } from '../engine/engine.ts'
import { regionResolver } from './resolve-region.ts'

export interface BriefingRouteOptions {
  engine: Engine
  auth: ViewerAuth
}

type Req = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string; date?: string } }>

export async function briefingRoutes(app: FastifyInstance, { engine, auth }: BriefingRouteOptions): Promise<void> {
  const service = createBriefingService(engine)

  const resolve = regionResolver(engine.tree, auth)

  app.get('/api/v1/regions/:code/briefing', async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    const b = service.get(i, req.query.date)
    if (isBriefingError(b)) return reply.code(400).send(b)
    return b
  })
}
