/** NDJSON serialisation of ingest events, several times faster than `JSON.stringify`. */
import type { IngestEvent } from '../shared/events.ts'

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/

/** A JSON string literal; free text is escaped only when it needs it. */
const str = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"')
const opt = (key: string, v: string | undefined): string => (v === undefined ? '' : ',"' + key + '":' + str(v))
const loc = (l: [number, number] | undefined): string => (l ? ',"location":[' + l[0] + ',' + l[1] + ']' : '')

/**
 * One event as a JSON object (same content as `JSON.stringify`). Fields are read by name per type:
 * a generic loop over keys made every read a slow megamorphic lookup. Ids, times, codes and enums
 * match their contract patterns and need no escaping.
 */
export function eventJson(e: IngestEvent): string {
  const head = '{"id":"' + e.id + '","type":"' + e.type + '","at":"' + e.at + '"'
  switch (e.type) {
    case 'request.created':
      return (
        head + ',"requestId":' + str(e.requestId) + ',"region":"' + e.region + '","category":' + str(e.category) +
        ',"channel":"' + e.channel + '","urgency":"' + e.urgency + '"' + (e.deadline === undefined ? '' : ',"deadline":"' + e.deadline + '"') +
        opt('summary', e.summary) + loc(e.location as [number, number] | undefined) + '}'
      )
    case 'request.dispatched':
      return head + ',"requestId":' + str(e.requestId) + ',"department":' + str(e.department) + '}'
    case 'request.signed':
      return head + ',"requestId":' + str(e.requestId) + opt('department', e.department) + '}'
    case 'request.returned':
      return head + ',"requestId":' + str(e.requestId) + opt('department', e.department) + opt('reason', e.reason) + '}'
    case 'request.visited':
      return head + ',"requestId":' + str(e.requestId) + ',"satisfaction":"' + e.satisfaction + '"}'
    case 'request.invalidated':
      return head + ',"requestId":' + str(e.requestId) + opt('reason', e.reason) + '}'
    case 'request.completed':
    case 'request.reopened':
    case 'request.supervised':
      return head + ',"requestId":' + str(e.requestId) + '}'
    case 'grid.patrol':
      return head + ',"grid":"' + e.grid + '","worker":' + str(e.worker) + loc(e.location as [number, number] | undefined) + '}'
    default:
      return head + ',"grid":"' + e.grid + '","worker":' + str(e.worker) + '}'
  }
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
