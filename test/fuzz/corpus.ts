/** Bad input for the fuzz run: each kind with the request that carries it and the answer it must get. */
import { deflateSync, gzipSync } from 'node:zlib'

export const INGEST_TOKEN = 'fuzz-ingest-token'
export const VIEW_TOKEN = 'fuzz-view-token'
const COMMUNITY = '210302002001'
const GRID = `${COMMUNITY}001`

export interface FuzzRequest {
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}

/** A whole request refused (or answered) with `status`, nothing else asked. */
export interface RequestCase {
  kind: string
  request: FuzzRequest
  status: number
  /** A part of the error message that must be there. */
  error?: RegExp
}

/** One bad event between two valid ones: 200, that event rejected naming `error`, its neighbours kept. */
export interface EventCase {
  kind: string
  event: unknown
  error: RegExp
}

const now = () => new Date(Date.now() - 60_000).toISOString()
const json = (body: unknown): FuzzRequest => ({
  method: 'POST',
  path: '/api/v1/events',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}` },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})
const raw = (body: string | Buffer, headers: Record<string, string> = {}): FuzzRequest => ({
  method: 'POST',
  path: '/api/v1/events',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}`, ...headers },
  body,
})

/** A valid `request.created`, with fields replaced or removed (`undefined`). */
export function created(id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const e: Record<string, unknown> = {
    id,
    type: 'request.created',
    at: now(),
    requestId: `RQ-${id}`,
    region: COMMUNITY,
    category: '供暖',
    channel: 'hotline',
    urgency: 'normal',
    summary: '暖气不热',
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete e[k]
    else e[k] = v
  }
  return e
}
const life = (type: string, patch: Record<string, unknown> = {}) => ({ id: `L-${type}`, type, at: now(), requestId: 'RQ-x', ...patch })
const gridEvent = (type: string, patch: Record<string, unknown> = {}) => ({ id: `G-${type}`, type, at: now(), grid: GRID, worker: '网格员甲', ...patch })

export const EVENT_CASES: EventCase[] = [
  { kind: 'event is null', event: null, error: /JSON object/ },
  { kind: 'event is a number', event: 42, error: /JSON object/ },
  { kind: 'event is a string', event: 'request.created', error: /JSON object/ },
  { kind: 'event is an array', event: [created('arr')], error: /JSON object/ },
  { kind: 'event is a boolean', event: true, error: /JSON object/ },
  { kind: 'missing id', event: created('x', { id: undefined }), error: /id/ },
  { kind: 'empty id', event: created(''), error: /id/ },
  { kind: 'id of 129 characters', event: created('i'.repeat(129)), error: /id/ },
  { kind: 'id with a space', event: created('a b'), error: /id/ },
  { kind: 'id with Chinese', event: created('工单1'), error: /id/ },
  { kind: 'id a number', event: created('x', { id: 12345 }), error: /id/ },
  { kind: 'missing type', event: created('t1', { type: undefined }), error: /unknown event type/ },
  { kind: 'unknown type', event: created('t2', { type: 'request.deleted' }), error: /unknown event type/ },
  { kind: 'type in another case', event: created('t3', { type: 'Request.Created' }), error: /unknown event type/ },
  { kind: 'type a number', event: created('t4', { type: 7 }), error: /unknown event type/ },
  { kind: 'type of 100,000 characters', event: created('t5', { type: 'x'.repeat(100_000) }), error: /unknown event type "x{24}…"/ },
  { kind: 'missing at', event: created('a1', { at: undefined }), error: /at/ },
  { kind: 'at a date only', event: created('a2', { at: '2026-11-20' }), error: /at/ },
  { kind: 'at without offset', event: created('a3', { at: '2026-11-20T10:00:00' }), error: /at/ },
  { kind: 'at in words', event: created('a4', { at: 'yesterday' }), error: /at/ },
  { kind: 'at a number', event: created('a5', { at: 1763604000000 }), error: /at/ },
  { kind: 'at an hour in the future', event: created('a6', { at: new Date(Date.now() + 3_600_000).toISOString() }), error: /future/ },
  { kind: 'at on 30 February', event: created('a7', { at: '2026-02-30T10:00:00Z' }), error: /at: .*not a calendar date/ },
  { kind: 'at in month 13', event: created('a8', { at: '2026-13-01T10:00:00Z' }), error: /at: .*not a calendar date/ },
  { kind: 'at at 25 o\'clock', event: created('a9', { at: '2026-11-20T25:00:00Z' }), error: /at: .*not a calendar date/ },
  { kind: 'at with offset +25:00', event: created('a10', { at: '2026-11-20T10:00:00+25:00' }), error: /at: .*not a calendar date/ },
  { kind: 'at with 10 fraction digits', event: created('a11', { at: '2026-11-20T10:00:00.1234567890Z' }), error: /at/ },
  { kind: 'missing requestId', event: created('r1', { requestId: undefined }), error: /requestId/ },
  { kind: 'empty requestId', event: created('r2', { requestId: '' }), error: /requestId/ },
  { kind: 'requestId of 65 characters', event: created('r3', { requestId: 'R'.repeat(65) }), error: /requestId/ },
  { kind: 'requestId a number', event: created('r4', { requestId: 123 }), error: /requestId/ },
  { kind: 'unknown community', event: created('g1', { region: '210302999999' }), error: /region/ },
  { kind: 'region of 11 digits', event: created('g2', { region: '21030200200' }), error: /region/ },
  { kind: 'region a district', event: created('g3', { region: '210302' }), error: /region/ },
  { kind: 'region with letters', event: created('g4', { region: '21030200200a' }), error: /region/ },
  { kind: 'region in full-width digits', event: created('g5', { region: '２１０３０２００２００１' }), error: /region/ },
  { kind: 'empty category', event: created('c1', { category: '' }), error: /category/ },
  { kind: 'category of 33 characters', event: created('c2', { category: '类'.repeat(33) }), error: /category/ },
  { kind: 'category a number', event: created('c3', { category: 5 }), error: /category/ },
  { kind: 'unknown channel', event: created('h1', { channel: 'fax' }), error: /channel: expected one of/ },
  { kind: 'unknown urgency', event: created('u1', { urgency: 'critical' }), error: /urgency: expected one of/ },
  { kind: 'deadline not a date', event: created('d1', { deadline: 'soon' }), error: /deadline/ },
  { kind: 'deadline on 31 April', event: created('d2', { deadline: '2026-04-31T10:00:00Z' }), error: /deadline: .*not a calendar date/ },
  { kind: 'summary of 201 characters', event: created('s1', { summary: '字'.repeat(201) }), error: /summary/ },
  { kind: 'summary a number', event: created('s2', { summary: 13912345678 }), error: /summary/ },
  { kind: 'summary an object', event: created('s3', { summary: { text: 'x' } }), error: /summary/ },
  { kind: 'location out of range', event: created('l1', { location: [200, 41] }), error: /location/ },
  { kind: 'location of one number', event: created('l2', { location: [122.9] }), error: /location/ },
  { kind: 'location of three numbers', event: created('l3', { location: [122.9, 41.1, 10] }), error: /location/ },
  { kind: 'location a string', event: created('l4', { location: '122.9,41.1' }), error: /location/ },
  { kind: 'location of strings', event: created('l5', { location: ['122.9', '41.1'] }), error: /location/ },
  { kind: 'unknown field', event: created('f1', { phone: '13912345678' }), error: /unknown field "phone"/ },
  { kind: '__proto__ field', event: JSON.parse(`{"id":"p1","type":"request.completed","at":"${now()}","requestId":"RQ-p","__proto__":{"polluted":1}}`), error: /unknown field/ },
  { kind: 'constructor field', event: { ...life('request.completed', { id: 'p2' }), constructor: { prototype: {} } }, error: /unknown field "constructor"/ },
  { kind: 'dispatched without department', event: life('request.dispatched'), error: /department/ },
  { kind: 'department of 65 characters', event: life('request.dispatched', { department: '部'.repeat(65) }), error: /department/ },
  { kind: 'visited with a bad satisfaction', event: life('request.visited', { satisfaction: 'ok' }), error: /satisfaction: expected one of/ },
  { kind: 'visited without satisfaction', event: life('request.visited'), error: /satisfaction/ },
  { kind: 'completed with an unknown outcome', event: life('request.completed', { outcome: 'done' }), error: /outcome: expected one of resolved, unresolvable, withdrawn, rejected/ },
  { kind: 'returned with a reason of 201 characters', event: life('request.returned', { reason: 'r'.repeat(201) }), error: /reason/ },
  { kind: 'completed with a region', event: life('request.completed', { region: COMMUNITY }), error: /unknown field "region"/ },
  { kind: 'duty on an unknown grid', event: gridEvent('grid.duty_on', { grid: `${COMMUNITY}999` }), error: /grid: unknown grid/ },
  { kind: 'grid of 14 digits', event: gridEvent('grid.duty_on', { grid: GRID.slice(0, 14) }), error: /grid/ },
  { kind: 'duty without worker', event: gridEvent('grid.duty_off', { worker: undefined }), error: /worker/ },
  { kind: 'worker of 65 characters', event: gridEvent('grid.duty_off', { worker: 'w'.repeat(65) }), error: /worker/ },
  { kind: 'patrol with a bad location', event: gridEvent('grid.patrol', { location: [0, 91] }), error: /location/ },
]

const huge = (bytes: number) => JSON.stringify([created('big', { summary: undefined }), { pad: 'x'.repeat(bytes) }])

export const REQUEST_CASES: RequestCase[] = [
  { kind: 'empty JSON body', request: raw(''), status: 400 },
  { kind: 'lone brace', request: raw('{'), status: 400, error: /not valid JSON/ },
  { kind: 'unclosed array', request: raw('[{"id":"x"}'), status: 400, error: /not valid JSON/ },
  { kind: 'null body', request: raw('null'), status: 400, error: /JSON array/ },
  { kind: 'object body', request: raw('{}'), status: 400, error: /JSON array/ },
  { kind: 'string body', request: raw('"events"'), status: 400, error: /JSON array/ },
  { kind: 'number body', request: raw('42'), status: 400, error: /JSON array/ },
  { kind: 'trailing comma', request: raw('[{"id":"a"},]'), status: 400, error: /not valid JSON/ },
  { kind: 'single quotes', request: raw("[{'id':'a'}]"), status: 400, error: /not valid JSON/ },
  { kind: 'NaN literal', request: raw('[NaN]'), status: 400, error: /not valid JSON/ },
  { kind: 'invalid UTF-8', request: raw(Buffer.from([0x5b, 0xff, 0xfe, 0x5d])), status: 400 },
  { kind: 'body over the limit', request: raw(huge(300 * 1024)), status: 413 },
  { kind: 'batch over the limit', request: json(Array.from({ length: 51 }, (_, i) => created(`over-${i}`))), status: 413, error: /exceeds the limit of 50/ },
  { kind: 'text/plain body', request: raw('[]', { 'content-type': 'text/plain' }), status: 415 },
  { kind: 'form body', request: raw('a=1', { 'content-type': 'application/x-www-form-urlencoded' }), status: 415 },
  { kind: 'no token', request: { ...raw('[]'), headers: { 'content-type': 'application/json' } }, status: 401 },
  { kind: 'wrong token', request: raw('[]', { authorization: 'Bearer wrong' }), status: 401 },
  { kind: 'Bearer without token', request: raw('[]', { authorization: 'Bearer ' }), status: 401 },
  { kind: 'Basic auth', request: raw('[]', { authorization: 'Basic ZnV6ejpmdXp6' }), status: 401 },
  { kind: 'token of 8 kB', request: raw('[]', { authorization: `Bearer ${'t'.repeat(8000)}` }), status: 401 },
  { kind: 'gzip body that is not gzip', request: raw('[]', { 'content-encoding': 'gzip' }), status: 400 },
  { kind: 'unknown content encoding', request: raw('[]', { 'content-encoding': 'br2' }), status: 415 },
  { kind: 'gzip bomb over the limit', request: raw(gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }), status: 413 },
  { kind: 'PUT on the ingest route', request: { ...json([]), method: 'PUT' }, status: 404 },
  { kind: 'DELETE on the ingest route', request: { ...json([]), method: 'DELETE' }, status: 404 },
  { kind: 'unknown API route', request: { method: 'GET', path: '/api/v1/nothing' }, status: 404 },
  { kind: 'region of letters', request: { method: 'GET', path: '/api/v1/regions/abc/snapshot' }, status: 404 },
  { kind: 'region outside the pack', request: { method: 'GET', path: '/api/v1/regions/2102/snapshot' }, status: 404 },
  { kind: 'region of 90 digits', request: { method: 'GET', path: `/api/v1/regions/${'9'.repeat(90)}/snapshot` }, status: 404, error: /unknown region "9{24}…"/ },
  { kind: 'region of 1,000 digits', request: { method: 'GET', path: `/api/v1/regions/${'9'.repeat(1000)}` }, status: 414 },
  { kind: 'region with a NUL', request: { method: 'GET', path: '/api/v1/regions/2103%00/snapshot' }, status: 404 },
  { kind: 'region with a bad escape', request: { method: 'GET', path: '/api/v1/regions/%E0%A4%A/snapshot' }, status: 400 },
  { kind: 'briefing date in words', request: { method: 'GET', path: '/api/v1/regions/2103/briefing?date=yesterday' }, status: 400 },
  { kind: 'briefing on 30 February', request: { method: 'GET', path: '/api/v1/regions/2103/briefing?date=2026-02-30' }, status: 400 },
  { kind: 'briefing date repeated', request: { method: 'GET', path: '/api/v1/regions/2103/briefing?date=2026-11-01&date=2026-11-02' }, status: 400 },
  { kind: 'wrong viewer token', request: { method: 'GET', path: '/api/v1/regions/2103', headers: { authorization: 'Bearer nope' } }, status: 401 },
  { kind: 'wrong viewer token in the query', request: { method: 'GET', path: '/api/v1/regions/2103?token=nope' }, status: 401 },
  { kind: 'path traversal', request: { method: 'GET', path: '/assets/../../package.json' }, status: 404 },
  { kind: 'encoded path traversal', request: { method: 'GET', path: '/assets/..%2f..%2fpackage.json' }, status: 404 },
  { kind: 'CSP report that is not JSON', request: { method: 'POST', path: '/api/v1/csp-report', headers: { 'content-type': 'application/csp-report' }, body: '{' }, status: 400 },
  { kind: 'CSP report over 16 kB', request: { method: 'POST', path: '/api/v1/csp-report', headers: { 'content-type': 'application/csp-report' }, body: JSON.stringify({ x: 'y'.repeat(20_000) }) }, status: 413 },
]

/** Bodies that interoperating upstreams send and that must be accepted whole. */
export const ACCEPTED_BODIES: { kind: string; request: (events: unknown[]) => FuzzRequest }[] = [
  { kind: 'gzip body', request: (e) => raw(gzipSync(JSON.stringify(e)), { 'content-encoding': 'gzip' }) },
  { kind: 'deflate body', request: (e) => raw(deflateSync(JSON.stringify(e)), { 'content-encoding': 'deflate' }) },
  { kind: 'UTF-8 BOM before the array', request: (e) => raw(`\uFEFF${JSON.stringify(e)}`) },
  { kind: 'NDJSON with a BOM and CRLF', request: (e) => raw(`\uFEFF${e.map((x) => JSON.stringify(x)).join('\r\n')}\r\n`, { 'content-type': 'application/x-ndjson' }) },
  { kind: 'JSON with charset', request: (e) => raw(JSON.stringify(e), { 'content-type': 'application/json; charset=utf-8' }) },
]
