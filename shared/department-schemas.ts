/** TypeBox schemas of the closed-loop figures: department rankings, stage board, flow, hot words. */
import { Type, type TSchema } from '@sinclair/typebox'
import { AGE_BANDS, DEPARTMENT_WINDOWS, STAGES } from './department-types.ts'

const lit = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Count = Type.Integer({ minimum: 0 })
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' })
const RateWithN = Type.Object({
  value: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'fraction 0..1, null when n is 0' })),
  n: Type.Integer({ minimum: 0, description: 'the denominator' }),
})

export const DepartmentRowSchema = Type.Object({
  name: Type.String({ description: 'the department as named upstream, or 其他 past the per-region cap' }),
  dispatched: Count,
  signed: Count,
  completed: Count,
  returned: Count,
  reopened: Count,
  timelySignRate: RateWithN,
  onTimeRate: RateWithN,
  returnRate: RateWithN,
  satisfactionRate: RateWithN,
  avgHandleHours: Nullable(Type.Number({ description: 'hours from dispatch to completion' })),
  open: Count,
  overdue: Count,
})

export const DepartmentRankingSchema = Type.Object(
  {
    region: Type.String(),
    scope: Type.String({ description: 'the region the figures cover: itself, or its street for a community or grid' }),
    scopeName: Type.String(),
    window: lit(DEPARTMENT_WINDOWS),
    from: Day,
    to: Day,
    rows: Type.Array(DepartmentRowSchema),
  },
  { $id: 'DepartmentRanking', description: 'departments (承办单位) of a region over a window, ranked by 按时办结率' },
)

const Bands = Type.Object(Object.fromEntries(AGE_BANDS.map((b) => [b, Count])) as Record<(typeof AGE_BANDS)[number], typeof Count>)
const StageBoard = Type.Object(Object.fromEntries(STAGES.map((s) => [s, Bands])) as Record<(typeof STAGES)[number], typeof Bands>)
const DayFlow = Type.Object({ accepted: Count, dispatched: Count, signed: Count, completed: Count, visited: Count })
export const HotWordSchema = Type.Object({ word: Type.String(), count: Count, weight: Type.Number(), rising: Type.Boolean() })

export const ClosedLoopSchema = Type.Object({
  departments: Type.Object({ scope: Type.String(), rows: Type.Array(DepartmentRowSchema) }),
  stages: StageBoard,
  flow: Type.Object({ today: DayFlow, yesterday: DayFlow }),
  hotWords: Nullable(Type.Object({ day: Type.Array(HotWordSchema), week: Type.Array(HotWordSchema) })),
})

export const DayHotWordsSchema = Type.Object(
  { region: Type.String(), date: Day, words: Nullable(Type.Array(HotWordSchema, { description: 'null below the level hot words are kept for' })) },
  { $id: 'DayHotWords', description: "a day's hot words, rising ones against the 6 days before" },
)
