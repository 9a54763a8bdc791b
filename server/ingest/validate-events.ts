/** Validates raw ingest events against contract v1 and the region pack, one by one. */
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import { EVENT_TYPES, EventSchemas, MAX_FUTURE_MS, type EventType, type IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { preview } from '../security/limits.ts'

const checkers = new Map<string, TypeCheck<(typeof EventSchemas)[EventType]>>(
  EVENT_TYPES.map((t) => [t, TypeCompiler.Compile(EventSchemas[t])]),
)

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
  const at = Date.parse(e.at)
  if (Number.isNaN(at)) return { ok: false, error: `at: not a valid date "${e.at}"` }
  if (at > now + MAX_FUTURE_MS) return { ok: false, error: `at: ${e.at} is more than 5 minutes in the future` }
  if (e.type === 'request.created') {
    const node = tree.get(e.region)
    if (!node || (node.level !== 'community' && node.level !== 'grid')) {
      return { ok: false, error: `region: unknown community or grid "${e.region}"` }
    }
    if (e.deadline !== undefined && Number.isNaN(Date.parse(e.deadline))) {
      return { ok: false, error: `deadline: not a valid date "${e.deadline}"` }
    }
  } else if (e.type.startsWith('grid.')) {
    const grid = (e as { grid: string }).grid
    if (tree.get(grid)?.level !== 'grid') return { ok: false, error: `grid: unknown grid "${grid}"` }
  }
  return { ok: true, event: e }
}

/** Raw items of a body: a JSON array (already parsed) or NDJSON text, line by line. */
export function bodyItems(body: unknown): { items: unknown[]; lineErrors: Map<number, string> } | { error: string } {
  if (Array.isArray(body)) return { items: body, lineErrors: new Map() }
  if (typeof body === 'string') {
    const items: unknown[] = []
    const lineErrors = new Map<number, string>()
    for (const line of body.split('\n')) {
      if (!line.trim()) continue
      try {
        items.push(JSON.parse(line))
      } catch (err) {
        lineErrors.set(items.length, `invalid JSON: ${(err as Error).message}`)
        items.push(undefined)
      }
    }
    return { items, lineErrors }
  }
  return { error: 'body must be a JSON array of events or NDJSON (one event per line)' }
}
