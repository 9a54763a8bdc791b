/** `GET /api/v1/regions/:code/briefing?date=YYYY-MM-DD`: the morning briefing (晨会简报) of a past day. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { bearer, type ViewerAuth } from '../auth/viewer-auth.ts'
import { createBriefingService, isBriefingError } from '../briefing/briefing-service.ts'
import type { Engine } from '../engine/engine.ts'

export interface BriefingRouteOptions {
  engine: Engine
  auth: ViewerAuth
}

type Req = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string; date?: string } }>

export async function briefingRoutes(app: FastifyInstance, { engine, auth }: BriefingRouteOptions): Promise<void> {
  const tree = engine.tree
  const service = createBriefingService(engine)

  /** Resolves `:code` for this viewer, or answers 401/403/404 and returns -1 (as the region routes do). */
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

  app.get('/api/v1/regions/:code/briefing', async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    const b = service.get(i, req.query.date)
    if (isBriefingError(b)) return reply.code(400).send(b)
    return b
  })
}
