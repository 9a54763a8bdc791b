/** TypeBox schemas of the cohort rates (`cohort-types.ts`), for the snapshot and the briefing. */
import { Type, type TSchema } from '@sinclair/typebox'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Count = Type.Integer({ minimum: 0 })
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' })

const CohortRateSchema = Type.Object(
  {
    rate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'fraction 0..1; null when no cohort is mature (未满N小时) or nothing was accepted' })),
    n: Count,
    done: Count,
    from: Nullable(Day),
    to: Nullable(Day),
  },
  { description: 'an N-hour 办结率 over mature cohorts: requests created on the days from..to first completed within N hours of creation ÷ those requests (n)' },
)

/** 24小时办结率 and 72小时办结率 of a window. */
export const CohortWindowSchema = Type.Object({ h24: CohortRateSchema, h72: CohortRateSchema })

const CohortDaySchema = Type.Object({ date: Day, rate: Nullable(CohortRateSchema) })

export const CohortComparisonSchema = Type.Object(
  { hours: Type.Union([Type.Literal(24), Type.Literal(72)]), cohort: CohortDaySchema, prevDay: CohortDaySchema, lastWeek: CohortDaySchema },
  { description: 'the latest cohort whose N hours ended by the end of the briefing day, the cohort a day before and a week before (all mature)' },
)
