/** `GET /api/v1/regions/:code/points?date=today`: today's located requests of a region's subtree (the map's point layer). */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { RegionPointsSchema, type RegionPoints } from '../../shared/map-points.ts'
import { dayIndex, dayToDate } from '../../shared/time-windows.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import { plainJson, RegionParams, viewerErrors, viewerSecurity } from '../http/openapi.ts'
import { preview } from '../security/limits.ts'
import { regionResolver } from './resolve-region.ts'

type Req = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string; date?: string } }>

export async function pointRoutes(app: FastifyInstance, { engine, auth }: { engine: Engine; auth: ViewerAuth }): Promise<void> {
  const resolve = regionResolver(engine.tree, auth)
  app.get(
    '/api/v1/regions/:code/points',
    {
      schema: {
        summary: "Today's located requests of the region's subtree: rounded coordinates, category and state (open, overdue, completed 办结, unresolved 未办结关闭)",
        tags: ['regions'],
        params: RegionParams,
        querystring: Type.Object({
          token: Type.Optional(Type.String()),
          date: Type.Optional(Type.String({ description: '`today` (the default) or today as YYYY-MM-DD: only today is kept' })),
        }),
        security: viewerSecurity,
        response: { 200: RegionPointsSchema, 400: Type.Ref('Error'), ...viewerErrors },
      },
      ...plainJson,
    },
    async (req: Req, reply): Promise<RegionPoints | undefined> => {
      const i = resolve(req, reply)
      if (i < 0) return
      const now = engine.clock()
      const today = dayToDate(dayIndex(now))
      const date = req.query.date ?? 'today'
      if (date !== 'today' && date !== today) return reply.code(400).send({ error: `date: "${preview(date)}" is not today (${today}); only today's points are kept` })
      return engine.points.of(i, now)
    },
  )
}
