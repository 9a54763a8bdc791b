/**
 * Today's located requests of a region, for the wall's point layer
 * (`GET /api/v1/regions/:code/points?date=today`): a coordinate, the category and the state, nothing
 * that names a person or a request. Coordinates are rounded to {@link LOCATION_DECIMALS} decimals
 * (about 110 m north–south, 85 m east–west at Anshan) so a point never marks one house.
 */
import { Type, type Static } from '@sinclair/typebox'

/** Decimals a location keeps on its way to a wall. */
export const LOCATION_DECIMALS = 3

const STEP = 10 ** LOCATION_DECIMALS

/** A [lon, lat] rounded to {@link LOCATION_DECIMALS} decimals. */
export const roundLocation = (l: readonly [number, number]): [number, number] => [Math.round(l[0] * STEP) / STEP, Math.round(l[1] * STEP) / STEP]

export const MAP_POINT_STATES = ['open', 'overdue', 'completed', 'unresolved'] as const
/** 在办, 超期 (open past its deadline), 办结, 未办结关闭 (closed without 办结: 无法办理, 撤回, 不予受理). */
export type MapPointState = (typeof MAP_POINT_STATES)[number]

export const RegionPointsSchema = Type.Object(
  {
    region: Type.String(),
    date: Type.String({ description: 'YYYY-MM-DD (Asia/Shanghai): the day the requests were created' }),
    asOf: Type.Number({ description: 'ms since the epoch' }),
    capped: Type.Boolean({ description: 'the day reached the per-day cap of kept points: later located requests are not in the list' }),
    points: Type.Array(
      Type.Object({
        location: Type.Tuple([Type.Number(), Type.Number()], { description: `[lon, lat], rounded to ${LOCATION_DECIMALS} decimals` }),
        category: Type.String(),
        state: Type.Unsafe<MapPointState>({ type: 'string', enum: [...MAP_POINT_STATES] }),
        at: Type.Number({ description: 'created at, ms since the epoch (the wall merges live requests by it)' }),
      }),
    ),
  },
  { description: "today's located requests of a region's subtree, oldest first" },
)
export type RegionPoints = Static<typeof RegionPointsSchema>
