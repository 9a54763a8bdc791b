/** Validates raw ingest events against contract v1 and the region pack, one by one. */
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import { EVENT_TYPES, EventSchemas, MAX_CHARS, MAX_FUTURE_MS, type EventType, type IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { calendarTime } from '../../shared/rfc3339.ts'
import { preview } from '../security/limits.ts'

const checkers = new Map<string, TypeCheck<(typeof EventSchemas)[EventType]>>(
  EVENT_TYPES.map((t) => [t, TypeCompiler.Compile(EventSchemas[t])]),
)

/** Per type, the string fields limited in characters (code points) and their limits. */
const charLimits = new Map<EventType, [string, number][]>(
  EVENT_TYPES.map((t) => [
    t,
    Object.entries(EventSchemas[t].properties as Record<string, Record<string, unknown>>)
      .filter(([, schema]) => typeof schema[MAX_CHARS] === 'number')
      .map(([field, schema]) => [field, schema[MAX_CHARS] as number]),
  ]),
)

/** Characters (code points) of a string, counted without copying it. */
function codePoints(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--
        i++
      }
    }
  }
  return n
}

export interface Rejection {
  index: number
  id?: string
  error: string
}

export type Checked = { ok: true; event: IngestEvent } | { ok: false; error: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Checks one event at server time `now`; the error names the field and the rule. */
export function checkEvent(raw: unknown, now: number, tree: RegionTree): Checked {
  if (!isObject(raw)) return { ok: false, error: 'event must be a JSON object' }
  const type = raw.type
  const checker = typeof type === 'string' ? checkers.get(type) : undefined
  if (!checker) return { ok: false, error: `unknown event type ${JSON.stringify(typeof type === 'string' ? preview(type) : type)?.slice(0, 40)}; expected one of ${EVENT_TYPES.join(', ')}` }
  if (!checker.Check(raw)) {
    const first = checker.Errors(raw).First()
    const path = first?.path ? first.path.slice(1).replace(/\//g, '.') : ''
    if (!first) return { ok: false, error: 'invalid event' }
    if (first.message === 'Unexpected property') return { ok: false, error: `unknown field "${path}" for ${type}` }
    const literals = (first.schema.anyOf as { const?: unknown }[] | undefined)?.map((s) => s.const)
    const message = literals?.every((l) => typeof l === 'string') ? `expected one of ${literals.join(', ')}` : first.message
    return { ok: false, error: `${path ? `${path}: ` : ''}${message}` }
  }
  const e = raw as unknown as IngestEvent
  for (const [field, max] of charLimits.get(type as EventType)!) {
    const v = (raw as Record<string, unknown>)[field]
    // UTF-16 units never undercount characters: only a longer string needs counting.
    if (typeof v === 'string' && v.length > max && codePoints(v) > max) return { ok: false, error: `${field}: longer than ${max} characters` }
  }
  const at = calendarTime(e.at)
  if (Number.isNaN(at)) return { ok: false, error: `at: "${e.at}" is not a calendar date and time` }
  if (at > now + MAX_FUTURE_MS) return { ok: false, error: `at: ${e.at} is more than 5 minutes in the future` }
  if (e.type === 'request.created') {
    const node = tree.get(e.region)
    if (!node || (node.level !== 'community' && node.level !== 'grid')) {
      return { ok: false, error: `region: unknown community or grid "${e.region}"` }
    }
    if (e.deadline !== undefined && Number.isNaN(calendarTime(e.deadline))) {
      return { ok: false, error: `deadline: "${e.deadline}" is not a calendar date and time` }
    }
  } else if (e.type.startsWith('grid.')) {
    const grid = (e as { grid: string }).grid
    if (tree.get(grid)?.level !== 'grid') return { ok: false, error: `grid: unknown grid "${grid}"` }
  }
  return { ok: true, event: e }
}

/** Raw items of a body, and the parse error of each bad NDJSON line by its item's index. */
export interface BodyItems {
  items: unknown[]
  lineErrors: Map<number, string>
}

/** Adds the item of one NDJSON line (not blank) to `into`: its value, or its parse error. */
export function parseLine(line: string, into: BodyItems): void {
  try {
    into.items.push(JSON.parse(line))
  } catch (err) {
    into.lineErrors.set(into.items.length, `invalid JSON: ${(err as Error).message}`)
    into.items.push(undefined)
  }
}

/** Raw items of a body: a JSON array (already parsed) or NDJSON text, line by line. */
export function bodyItems(body: unknown): BodyItems | { error: string } {
  if (Array.isArray(body)) return { items: body, lineErrors: new Map() }
  if (typeof body === 'string') {
    const out: BodyItems = { items: [], lineErrors: new Map() }
    for (const line of body.split('\n')) if (line.trim()) parseLine(line, out)
    return out
  }
  return { error: 'body must be a JSON array of events or NDJSON (one event per line)' }
}
