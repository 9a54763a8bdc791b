/** NDJSON serialisation of ingest events, several times faster than `JSON.stringify`. */
import type { IngestEvent } from '../shared/events.ts'

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/

const str = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"')

type AnyEvent = IngestEvent & Partial<Record<string, unknown>>
const STRING_KEYS = ['requestId', 'region', 'category', 'channel', 'urgency', 'deadline', 'summary', 'department', 'reason', 'satisfaction', 'grid', 'worker'] as const

/** One event as a JSON object (same content as `JSON.stringify`, fields in a fixed order). */
export function eventJson(e: IngestEvent): string {
  const a = e as AnyEvent
  let s = '{"id":' + str(e.id) + ',"type":"' + e.type + '","at":' + str(e.at)
  for (const k of STRING_KEYS) {
    const v = a[k]
    if (v !== undefined) s += ',"' + k + '":' + str(v as string)
  }
  const loc = a.location as [number, number] | undefined
  if (loc) s += ',"location":[' + loc[0] + ',' + loc[1] + ']'
  return s + '}'
}

/** Events as NDJSON text (one object a line, trailing newline). */
export function toNdjson(events: readonly IngestEvent[]): string {
  let s = ''
  for (const e of events) s += eventJson(e) + '\n'
  return s
}

let scratch = Buffer.allocUnsafe(1 << 20)

/**
 * Events as NDJSON bytes. Each line is encoded as soon as it is built, so no large string is
 * kept alive while a batch is serialised (that kept the garbage collector busy copying it).
 */
export function encodeNdjson(events: readonly IngestEvent[]): Buffer {
  let offset = 0
  for (const e of events) {
    const line = eventJson(e) + '\n'
    // A UTF-8 byte count is at most three per UTF-16 unit.
    if (offset + line.length * 3 > scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, offset + line.length * 3))
      scratch.copy(bigger, 0, 0, offset)
      scratch = bigger
    }
    offset += scratch.write(line, offset)
  }
  return Buffer.from(scratch.subarray(0, offset))
}
