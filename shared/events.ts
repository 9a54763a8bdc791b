/** Ingest contract v1: event types and runtime schemas (one source for both). */
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { CHANNELS, CLOSE_OUTCOMES, SATISFACTIONS, URGENCIES } from './enums.ts'

/** RFC 3339 timestamp with an offset or `Z`. */
export const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$'

const Timestamp = Type.String({ pattern: RFC3339, description: 'RFC 3339 timestamp' })
/** Schema key of a length limit in characters (code points): maxLength alone would count UTF-16 units. */
export const MAX_CHARS = 'x-max-chars'
/** A string of `min`–`max` characters (code points; an emoji is one). */
const Text = (max: number, min = 0) =>
  Type.String({ ...(min ? { minLength: min } : {}), maxLength: 2 * max, [MAX_CHARS]: max, description: `${min}–${max} characters` })
const EventId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' })
const RequestId = Text(64, 1)
const LonLat = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })])
const GridCode = Type.String({ pattern: '^\\d{15}$' })
const Worker = Text(64, 1)

export { CHANNELS, type Channel, URGENCIES, type Urgency, SATISFACTIONS, type Satisfaction, CLOSE_OUTCOMES, type CloseOutcome } from './enums.ts'

const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {}))

function request<T extends string, P extends Record<string, TSchema>>(type: T, props: P) {
  return Type.Object(
    { id: EventId, type: Type.Literal(type), at: Timestamp, requestId: RequestId, ...props },
    { additionalProperties: false },
  )
}
function grid<T extends string, P extends Record<string, TSchema>>(type: T, props: P) {
  return Type.Object(
    { id: EventId, type: Type.Literal(type), at: Timestamp, grid: GridCode, worker: Worker, ...props },
    { additionalProperties: false },
  )
}

/** One schema per event type, keyed by `type`. */
export const EventSchemas = {
  'request.created': request('request.created', {
    region: Type.String({ pattern: '^(\\d{12}|\\d{15})$', description: '12-digit community or 15-digit grid code' }),
    category: Text(32, 1),
    channel: lit(CHANNELS),
    urgency: lit(URGENCIES),
    deadline: Type.Optional(Timestamp),
    summary: Type.Optional(Text(200)),
    location: Type.Optional(LonLat),
  }),
  'request.dispatched': request('request.dispatched', { department: Text(64, 1) }),
  'request.signed': request('request.signed', { department: Type.Optional(Text(64)) }),
  'request.returned': request('request.returned', {
    department: Type.Optional(Text(64)),
    reason: Type.Optional(Text(200)),
  }),
  'request.completed': request('request.completed', {
    // Optional addition to contract v1: a close without 办结 (absent = resolved).
    outcome: Type.Optional(
      lit(CLOSE_OUTCOMES, 'how the request was closed: resolved (办结, the default), unresolvable (无法办理), withdrawn (撤回), rejected (不予受理); only resolved counts as 办结'),
    ),
  }),
  'request.visited': request('request.visited', { satisfaction: lit(SATISFACTIONS) }),
  'request.reopened': request('request.reopened', {}),
  'request.supervised': request('request.supervised', {}),
  'request.invalidated': request('request.invalidated', { reason: Type.Optional(Text(200)) }),
  'grid.duty_on': grid('grid.duty_on', {}),
  'grid.duty_off': grid('grid.duty_off', {}),
  'grid.patrol': grid('grid.patrol', { location: Type.Optional(LonLat) }),
} as const

export type EventType = keyof typeof EventSchemas
export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[]

export type RequestCreated = Static<(typeof EventSchemas)['request.created']>
export type RequestDispatched = Static<(typeof EventSchemas)['request.dispatched']>
export type RequestSigned = Static<(typeof EventSchemas)['request.signed']>
export type RequestReturned = Static<(typeof EventSchemas)['request.returned']>
export type RequestCompleted = Static<(typeof EventSchemas)['request.completed']>
export type RequestVisited = Static<(typeof EventSchemas)['request.visited']>
export type RequestReopened = Static<(typeof EventSchemas)['request.reopened']>
export type RequestSupervised = Static<(typeof EventSchemas)['request.supervised']>
export type RequestInvalidated = Static<(typeof EventSchemas)['request.invalidated']>
export type GridDutyOn = Static<(typeof EventSchemas)['grid.duty_on']>
export type GridDutyOff = Static<(typeof EventSchemas)['grid.duty_off']>
export type GridPatrol = Static<(typeof EventSchemas)['grid.patrol']>

export type RequestEvent =
  | RequestCreated
  | RequestDispatched
  | RequestSigned
  | RequestReturned
  | RequestCompleted
  | RequestVisited
  | RequestReopened
  | RequestSupervised
  | RequestInvalidated
export type GridEvent = GridDutyOn | GridDutyOff | GridPatrol
/** Any valid ingest event. */
export type IngestEvent = RequestEvent | GridEvent

/** Response body of `POST /api/v1/events`. */
export const IngestResponse = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), id: Type.Optional(Type.String()), error: Type.String() })),
})
export type IngestResponse = Static<typeof IngestResponse>

/** Events may be at most this far in the future (ms). */
export const MAX_FUTURE_MS = 5 * 60_000

export const isRequestEvent = (e: IngestEvent): e is RequestEvent => e.type.startsWith('request.')
