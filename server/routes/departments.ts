/**
 * `GET /api/v1/regions/:code/departments?window=&date=`: the departments (承办单位) of a region's
 * subtree, ranked; `GET /api/v1/regions/:code/hot-words?date=`: a day's hot words.
 */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { DEPARTMENT_WINDOWS, type DayHotWords, type DepartmentRanking, type DepartmentWindow } from '../../shared/department-types.ts'
import { dateToDay, dayIndex, dayToDate } from '../../shared/time-windows.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import { departmentRanking } from '../engine/closed-loop-figures.ts'
import type { Engine } from '../engine/engine.ts'
import { plainJson, RegionParams, viewerErrors, viewerSecurity } from '../http/openapi.ts'
import { preview } from '../security/limits.ts'
import { regionResolver } from './resolve-region.ts'

export interface DepartmentRouteOptions {
  engine: Engine
  auth: ViewerAuth
  /** Days back a `date` may name (the department days kept). @default 62 */
  retentionDays?: number
}

type Req = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string; window?: string; date?: string } }>

/** The 30 words of a day's briefing page. */
const DAY_WORDS = 30

export async function departmentRoutes(app: FastifyInstance, { engine, auth, retentionDays = 62 }: DepartmentRouteOptions): Promise<void> {
  const resolve = regionResolver(engine.tree, auth)
  const Date_ = Type.Optional(Type.String({ description: 'YYYY-MM-DD: the windows end that day (default today)' }))

  /** The day a `date` names, or an error message. */
  function dayOf(date: string | undefined, today: number, oldest: number): number | string {
    if (date === undefined) return today
    const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? dateToDay(date) : NaN
    if (!Number.isFinite(d)) return `date: "${preview(date)}" is not a date (YYYY-MM-DD)`
    if (d > today) return `date: ${date} is after today (${dayToDate(today)})`
    if (d < oldest) return `date: ${date} is older than the ${today - oldest + 1} days kept`
    return d
  }

  app.get(
    '/api/v1/regions/:code/departments',
    {
      schema: {
        summary: 'Departments (承办单位) of the region, ranked by 按时办结率, with n for every rate',
        tags: ['regions'],
        params: RegionParams,
        querystring: Type.Object({
          token: Type.Optional(Type.String()),
          window: Type.Optional(Type.String({ enum: [...DEPARTMENT_WINDOWS], description: 'default today' })),
          date: Date_,
        }),
        security: viewerSecurity,
        response: { 200: Type.Ref('DepartmentRanking'), 400: Type.Ref('Error'), ...viewerErrors },
      },
      ...plainJson,
    },
    async (req: Req, reply): Promise<DepartmentRanking | undefined> => {
      const i = resolve(req, reply)
      if (i < 0) return
      const today = dayIndex(engine.clock())
      const day = dayOf(req.query.date, today, today - retentionDays + 1)
      if (typeof day === 'string') return reply.code(400).send({ error: day })
      return departmentRanking(engine.agg, engine.loop, i, (req.query.window ?? 'today') as DepartmentWindow, day)
    },
  )

  app.get(
    '/api/v1/regions/:code/hot-words',
    {
      schema: {
        summary: "A day's hot words of the region's summaries, rising ones against the 6 days before",
        tags: ['regions'],
        params: RegionParams,
        querystring: Type.Object({ token: Type.Optional(Type.String()), date: Type.Optional(Type.String({ description: 'YYYY-MM-DD, default yesterday (the last 2 days)' })) }),
        security: viewerSecurity,
        response: { 200: Type.Ref('DayHotWords'), 400: Type.Ref('Error'), ...viewerErrors },
      },
      ...plainJson,
    },
    async (req: Req, reply): Promise<DayHotWords | undefined> => {
      const i = resolve(req, reply)
      if (i < 0) return
      const today = dayIndex(engine.clock())
      const day = dayOf(req.query.date ?? dayToDate(today - 1), today, today - 1)
      if (typeof day === 'string') return reply.code(400).send({ error: day })
      const loop = engine.loop
      return { region: engine.tree.nodes[i].code, date: dayToDate(day), words: loop.words.kept(i) ? loop.words.dayWords(i, day, DAY_WORDS) : null }
    },
  )
}
