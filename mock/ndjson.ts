/**
 * NDJSON serialisation of ingest events, several times faster than `JSON.stringify` (file mode and
 * the player spend more on it than on simulating). Each line's ASCII part is built as one string and
 * encoded at once; the Chinese vocabulary (category, department, reason) is copied from cached
 * bytes, so most lines stay one-byte strings, which V8 flattens and encodes cheaply.
 */
import type { IngestEvent } from '../shared/events.ts'

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** A JSON string literal; free text is escaped only when it needs it. */
const lit = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"')
const loc = (l: readonly number[] | undefined): string => (l ? ',"location":[' + l[0] + ',' + l[1] + ']' : '')

let buf = Buffer.allocUnsafe(1 << 20)
let pos = 0

function room(n: number): void {
  if (pos + n <= buf.length) return
  const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, pos + n))
  buf.copy(bigger, 0, 0, pos)
  buf = bigger
}

/** Appends text that is already JSON. */
function put(s: string): void {
  // A UTF-8 byte count is at most three per UTF-16 unit.
  room(s.length * 3)
  pos += buf.write(s, pos)
}

const VOCABULARY_LIMIT = 4096
const vocabulary = new Map<string, Uint8Array>()

/** Appends bytes (short: a loop beats a native copy). */
function copy(bytes: Uint8Array): void {
  const n = bytes.length
  room(n)
  const b = buf
  let p = pos
  for (let i = 0; i < n; i++) b[p++] = bytes[i]
  pos = p
}

/** Appends a string literal from a small vocabulary (category, department, reason): its bytes are cached. */
function word(s: string): void {
  let bytes = vocabulary.get(s)
  if (bytes === undefined) {
    bytes = Buffer.from(lit(s))
    // Free text beyond the simulator's vocabulary is encoded each time, not kept.
    if (vocabulary.size < VOCABULARY_LIMIT) vocabulary.set(s, bytes)
  }
  copy(bytes)
}

const REASON_KEY = Buffer.from(',"reason":')

const head = (id: string, type: string, at: string): string => '{"id":"' + id + '","type":"' + type + '","at":"' + at + '"'

/** Appends `}` and a newline. */
function end(): void {
  room(2)
  buf[pos++] = 125
  buf[pos++] = 10
}

/**
 * One event as a JSON object line, the same content as `JSON.stringify` (the Chinese vocabulary
 * moves to the end of the object). Fields are read by name per type: a generic loop over keys made
 * every read a slow megamorphic lookup. Ids, times, codes and enums match their contract patterns
 * and need no escaping.
 */
function writeEvent(e: IngestEvent): void {
  // Each case reads its own event shape: a read shared by all twelve shapes is a slow megamorphic one.
  switch (e.type) {
    case 'request.created':
      put(
        head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId) + ',"region":"' + e.region + '","channel":"' + e.channel + '","urgency":"' + e.urgency + '"' +
          (e.deadline === undefined ? '' : ',"deadline":"' + e.deadline + '"') + loc(e.location) + ',"category":',
      )
      word(e.category)
      if (e.summary === undefined) end()
      else put(',"summary":' + lit(e.summary) + '}\n')
      return
    case 'request.dispatched':
    case 'request.signed':
    case 'request.returned':
      if (e.department === undefined) put(head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId))
      else {
        put(head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId) + ',"department":')
        word(e.department)
      }
      if (e.type === 'request.returned' && e.reason !== undefined) {
        copy(REASON_KEY)
        word(e.reason)
      }
      end()
      return
    case 'request.invalidated':
      if (e.reason === undefined) put(head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId))
      else {
        put(head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId) + ',"reason":')
        word(e.reason)
      }
      end()
      return
    case 'request.visited':
      put(head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId) + ',"satisfaction":"' + e.satisfaction + '"}\n')
      return
    case 'request.completed':
      put(head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId) + (e.outcome === undefined ? '}\n' : ',"outcome":"' + e.outcome + '"}\n'))
      return
    case 'request.reopened':
    case 'request.supervised':
      put(head(e.id, e.type, e.at) + ',"requestId":' + lit(e.requestId) + '}\n')
      return
    case 'grid.patrol':
      put(head(e.id, e.type, e.at) + ',"grid":"' + e.grid + '","worker":' + lit(e.worker) + loc(e.location) + '}\n')
      return
    default:
      put(head(e.id, e.type, e.at) + ',"grid":"' + e.grid + '","worker":' + lit(e.worker) + '}\n')
  }
}

/**
 * Events as NDJSON bytes (one object a line, trailing newline), in a buffer of their own; the end
 * offset of each line goes into `ends` if given.
 */
export function encodeNdjson(events: readonly IngestEvent[], ends?: Uint32Array): Buffer {
  pos = 0
  for (let i = 0; i < events.length; i++) {
    writeEvent(events[i])
    if (ends) ends[i] = pos
  }
  return Buffer.from(buf.subarray(0, pos))
}

/** Events as NDJSON text. */
export const toNdjson = (events: readonly IngestEvent[]): string => encodeNdjson(events).toString('utf8')
