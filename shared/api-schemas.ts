/** TypeBox schemas of every HTTP answer and Socket.IO payload: the OpenAPI document is made from them, types are checked against them. */
import { Type, type TSchema } from '@sinclair/typebox'
import type { AlertKind } from './alerts.ts'
import { CohortComparisonSchema, CohortWindowSchema } from './cohort-schemas.ts'
import { ClosedLoopSchema, DayHotWordsSchema, DepartmentRankingSchema } from './department-schemas.ts'
import { CHANNELS, URGENCIES } from './events.ts'
import { LEVELS } from './region-types.ts'

const lit = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'fraction 0..1, null when nothing to divide by' }))
const Count = Type.Integer({ minimum: 0 })
const Millis = Type.Number({ description: 'ms since the epoch' })
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' })
const Level = lit(LEVELS)

export const ErrorBody = Type.Object({ error: Type.String() }, { $id: 'Error', description: 'What went wrong; input is quoted by a short prefix only' })

export const RegionNodeSchema = Type.Object(
  { code: Type.String(), name: Type.String(), level: Level, parent: Nullable(Type.String()) },
  { $id: 'RegionNode' },
)
export const RegionInfoSchema = Type.Object(
  {
    node: Type.Ref(RegionNodeSchema),
    path: Type.Array(Type.Ref(RegionNodeSchema), { description: 'ancestors from the root down to the parent' }),
    children: Type.Array(Type.Ref(RegionNodeSchema)),
    grids: Type.Integer({ description: 'grids in the subtree' }),
  },
  { $id: 'RegionInfo' },
)

/** 样本量 of each rate (shared/kpi/rate-samples.ts): under 30 a rate reads 样本不足 and is never compared. */
const RateSamplesSchema = Type.Object(
  { completionRate: Count, onTimeRate: Count, satisfactionRate: Count, directAnswerRate: Count, timelySignRate: Count },
  { description: 'cases each rate divides by' },
)
const WindowFigures = Type.Object({
  accepted: Count,
  completed: Count,
  completionRate: Rate,
  onTimeRate: Rate,
  timelySignRate: Rate,
  satisfactionRate: Rate,
  directAnswerRate: Rate,
  closedUnresolved: Type.Integer({ minimum: 0, description: '未办结关闭: requests accepted in the window now closed without 办结 (无法办理, 撤回, 不予受理)' }),
  returned: Count,
  reopened: Count,
  supervised: Count,
  avgHandleHours: Nullable(Type.Number()),
  byCategory: Type.Record(Type.String(), Type.Number()),
  byChannel: Type.Partial(
    Type.Object({ hotline: Type.Number(), app: Type.Number(), photo: Type.Number(), grid: Type.Number(), wechat: Type.Number(), web: Type.Number(), other: Type.Number() }),
  ),
  n: RateSamplesSchema,
})
const HourlySeries = Type.Object({ accepted: Type.Array(Type.Number()), completed: Type.Array(Type.Number()) })
const GridFigures = Type.Object({ grids: Count, onDuty: Count, patrols: Count, gridFound: Count, patrolCoverage: Rate, lastPatrolAt: Nullable(Millis) })
const ChildFigures = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Level,
  acceptedToday: Count,
  completedToday: Count,
  acceptedYtd: Count,
  completionRate: Rate,
  satisfactionRate: Rate,
  onTimeRate: Rate,
  open: Count,
  overdue: Count,
  onDuty: Count,
})
const RollUpSchema = Type.Object(
  {
    staleAfterMs: Type.Number(),
    roots: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        asOf: Nullable(Millis),
        ageMs: Nullable(Type.Number({ description: 'how long ago the root published the row' })),
        stale: Type.Boolean(),
        summed: Type.Boolean({ description: 'whether the row is in the figures' }),
      }),
    ),
  },
  { description: "a parent wall's roots: the age of each root's headline row" },
)
export const SnapshotSchema = Type.Object(
  {
    region: Type.String(),
    name: Type.String(),
    level: Level,
    asOf: Millis,
    lastEventAt: Nullable(Millis),
    today: Day,
    windows: Type.Object({ today: WindowFigures, yesterday: WindowFigures, last7: WindowFigures, month: WindowFigures, ytd: WindowFigures }),
    cohort: Type.Optional(Type.Object({ today: CohortWindowSchema, yesterday: CohortWindowSchema, last7: CohortWindowSchema, month: CohortWindowSchema, ytd: CohortWindowSchema })),
    open: Count,
    overdue: Count,
    overdueAge: Type.Optional(Type.Object({ today: Count, week: Count, older: Count }, { description: '超期 by age: deadline passed today, in the 6 days before, earlier' })),
    hourly: Type.Object({ today: HourlySeries, yesterday: HourlySeries }),
    daily: Type.Object({ dates: Type.Array(Type.String()), accepted: Type.Array(Type.Number()), completed: Type.Array(Type.Number()) }),
    grid: GridFigures,
    lastShift: Type.Optional(Type.Object({ date: Day, patrols: Count, gridFound: Count, patrolCoverage: Rate }, { description: "yesterday's grid figures (上一班次)" })),
    children: Type.Array(ChildFigures),
    closedLoop: Type.Optional(ClosedLoopSchema),
    rollUp: Type.Optional(RollUpSchema),
  },
  { $id: 'Snapshot', description: 'every KPI of a region over its subtree' },
)

const alertOf = <K extends AlertKind, P extends TSchema>(kind: K, params: P) =>
  Type.Object({
    id: Type.String(),
    kind: Type.Literal(kind),
    params,
    region: Type.String(),
    regionName: Type.String(),
    at: Millis,
    ackedAt: Type.Optional(Millis),
    message: Type.Optional(Type.String({ description: 'the alert in Chinese (zh-CN), worded from kind and params; on GET …/alerts' })),
    messageEn: Type.Optional(Type.String({ description: 'the alert in English, places in pinyin; on GET …/alerts' })),
  })
/** An alert as `{ kind, params }`, with its text in both languages where the API lists it. */
export const AlertSchema = Type.Union(
  [
    alertOf('surge', Type.Object({ place: Type.String(), category: Type.String(), count: Type.Integer(), threshold: Type.Integer() })),
    alertOf('urgentOverdue', Type.Object({ requestId: Type.String(), category: Type.String(), place: Type.String(), department: Type.Optional(Type.String()) })),
    alertOf('feedStale', Type.Object({ minutes: Type.Integer(), expected: Type.Optional(Type.Integer()) })),
  ],
  { $id: 'Alert' },
)

const Position = Type.Tuple([Type.Number(), Type.Number()])
const Ring = Type.Array(Position)
export const RegionGeoSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    code: Type.String(),
    bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
    schematic: Type.Boolean(),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        id: Type.String(),
        properties: Type.Object({ code: Type.String(), name: Type.String(), level: Level, center: Position, schematic: Type.Boolean() }),
        geometry: Type.Union([
          Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring) }),
          Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring)) }),
        ]),
      }),
    ),
  },
  { $id: 'RegionGeo', description: 'GeoJSON (RFC 7946) of the children; schematic cells below the district level' },
)

const DayFigures = Type.Object({
  accepted: Count,
  completed: Count,
  completionRate: Rate,
  closedUnresolved: Type.Integer({ minimum: 0, description: '未办结关闭: accepted on the day, now closed without 办结 (无法办理, 撤回, 不予受理)' }),
  onTimeRate: Rate,
  satisfactionRate: Rate,
  directAnswerRate: Rate,
  timelySignRate: Rate,
  open: Count,
  overdue: Count,
  n: RateSamplesSchema,
})
const DatedFigures = Type.Object({ date: Type.String(), figures: Nullable(DayFigures) })
const CategoryFigure = Type.Object({
  category: Type.String(),
  accepted: Count,
  share: Type.Number(),
  prevDay: Nullable(Type.Number()),
  lastWeek: Nullable(Type.Number()),
  avg7: Nullable(Type.Number()),
})
const ChildDay = Type.Object({
  code: Type.String(),
  name: Type.String(),
  accepted: Count,
  completed: Count,
  completionRate: Rate,
  onTimeRate: Rate,
  satisfactionRate: Rate,
  overdue: Count,
  n: RateSamplesSchema,
  matureCompletionRate: Rate,
  matureN: Count,
})
const GridDay = Type.Object({
  code: Type.String(),
  name: Type.String(),
  grids: Count,
  patrolledGrids: Nullable(Type.Number()),
  patrols: Nullable(Type.Number()),
  patrolCoverage: Rate,
  gridFound: Count,
})
const Period = Type.Object({ from: Type.String(), to: Type.String(), accepted: Count, completed: Count, completionRate: Rate, satisfactionRate: Rate })
export const BriefingSchema = Type.Object(
  {
    region: Type.Object({ code: Type.String(), name: Type.String(), level: Level }),
    scopeName: Type.String(),
    date: Day,
    weekday: Type.Integer(),
    today: Day,
    generatedAt: Millis,
    range: Type.Object({ from: Type.String(), to: Type.String() }),
    day: DayFigures,
    prevDay: DatedFigures,
    lastWeek: DatedFigures,
    trend: Type.Object({ dates: Type.Array(Type.String()), accepted: Type.Array(Nullable(Type.Number())), completed: Type.Array(Nullable(Type.Number())) }),
    month: Type.Object({ current: Period, previous: Nullable(Period), previousMonth: Type.Object({ month: Type.String(), accepted: Count, completed: Count }) }),
    categories: Type.Array(CategoryFigure),
    surges: Type.Array(CategoryFigure),
    hotCommunities: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String(), place: Type.String(), child: Type.String(), accepted: Count, topCategory: Nullable(Type.String()) }),
    ),
    children: Type.Array(ChildDay),
    rankings: Type.Array(Type.Object({ measure: lit(['completionRate', 'onTimeRate', 'satisfactionRate'] as const), best: Type.Array(ChildDay), worst: Type.Array(ChildDay), ranked: Count })),
    overdue: Type.Object({
      total: Count,
      items: Type.Array(
        Type.Object({
          requestId: Type.String(),
          region: Type.String(),
          place: Type.String(),
          category: Type.String(),
          department: Nullable(Type.String()),
          summary: Nullable(Type.String({ description: 'personal data masked' })),
          urgent: Type.Boolean(),
          created: Millis,
          deadline: Millis,
          hoursOverdue: Type.Number(),
        }),
      ),
      byAge: Type.Object({ day: Count, week: Count, older: Count }, { description: 'overdue at the day end by age: ≤ 1 day, 1–7 days, > 7 days' }),
    }),
    grid: Type.Object({ total: GridDay, children: Type.Array(GridDay) }),
    cohortRates: Type.Array(CohortComparisonSchema, { description: '24小时/72小时办结率 compared day on day and week on week, mature cohorts only' }),
  },
  { $id: 'Briefing', description: 'the morning briefing (晨会简报) of one past day' },
)
export const BriefingErrorSchema = Type.Object(
  { error: Type.String(), errorZh: Type.String(), range: Type.Optional(Type.Object({ from: Type.String(), to: Type.String() })) },
  { $id: 'BriefingError' },
)

export const MetaSchema = Type.Object(
  { root: Type.Ref(RegionNodeSchema), title: Type.String(), tickMs: Type.Integer() },
  { $id: 'Meta', description: 'the pack root, the wall title and the push tick' },
)
export const HealthSchema = Type.Object({ ok: Type.Boolean(), reason: Type.Optional(Type.String({ description: 'why not live' })) })
export const ReadySchema = Type.Object({
  ok: Type.Boolean(),
  store: Type.String({ description: 'embedded or redis' }),
  storeLatencyMs: Nullable(Type.Number()),
  replaying: Type.Boolean(),
  reason: Type.Optional(Nullable(Type.String({ description: 'why not ready' }))),
})

export const TickerItemSchema = Type.Object(
  {
    requestId: Type.String(),
    at: Millis,
    region: Type.String(),
    place: Type.String(),
    category: Type.String(),
    channel: lit(CHANNELS),
    urgency: lit(URGENCIES),
    summary: Nullable(Type.String({ description: 'personal data masked' })),
    location: Nullable(Position),
  },
  { $id: 'TickerItem' },
)
export const HeartbeatSchema = Type.Object(
  { at: Millis, lastEventAt: Nullable(Millis), storeHealthy: Type.Boolean() },
  { $id: 'Heartbeat' },
)

/** Schemas referenced by `$ref` from routes: added to the server (and to the OpenAPI components) once. */
export const SHARED_SCHEMAS = [DepartmentRankingSchema, DayHotWordsSchema, ErrorBody, RegionNodeSchema, RegionInfoSchema, SnapshotSchema, AlertSchema, RegionGeoSchema, BriefingSchema, BriefingErrorSchema, MetaSchema, TickerItemSchema, HeartbeatSchema]
