/** Encodings of engine state rows: sparse counter buckets, request records, bucket keys. */
import type { Life, LifeEvent } from '../../shared/kpi/request-contribution.ts'
import type { RequestRecord } from './aggregator.ts'

/** A bucket as (index, value) pairs of its non-zero entries: u16 count, f64 values, u8 indexes. */
export function encodeBucket(b: Float64Array): Uint8Array | null {
  let n = 0
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) n++
  if (n === 0) return null
  const buf = new Uint8Array(8 + n * 9)
  const dv = new DataView(buf.buffer)
  dv.setUint16(0, n, true)
  dv.setUint16(2, b.length, true)
  let j = 0
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0) continue
    dv.setFloat64(8 + j * 8, b[i], true)
    buf[8 + n * 8 + j] = i
    j++
  }
  return buf
}

/** Decodes into `out` (zeroed, of the bucket's width) or a new array. */
export function decodeBucket(bytes: Uint8Array, width: number, out: Float64Array = new Float64Array(width)): Float64Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const n = dv.getUint16(0, true)
  for (let j = 0; j < n; j++) {
    const i = bytes[8 + n * 8 + j]
    if (i < width) out[i] = dv.getFloat64(8 + j * 8, true)
  }
  return out
}

// Bucket keys as one number: (period · 8 + kind) · 2²⁰ + region (regions < 2²⁰, kinds < 8).
const REGION_SPAN = 1 << 20
export const bucketKey = (kind: number, period: number, region: number): number => (period * 8 + kind) * REGION_SPAN + region
export function splitBucketKey(k: number): { kind: number; period: number; region: number } {
  const region = k % REGION_SPAN
  const pk = (k - region) / REGION_SPAN
  return { kind: pk % 8, period: Math.floor(pk / 8), region }
}

type EventRow = [kind: number, at: number, sat: number, department: string | null, outcome?: number]

/** A request record as one JSON text (Infinity and missing fields spelled out). */
export function encodeRequest(r: RequestRecord): string {
  const c = r.created
  const s = r.state
  return JSON.stringify([
    r.id,
    c ? [c.at, c.region, c.category, c.channel, c.urgent ? 1 : 0, c.deadline] : null,
    r.events.map((e): EventRow => (e.outcome ? [e.kind, e.at, e.sat ?? -1, e.department ?? null, e.outcome] : [e.kind, e.at, e.sat ?? -1, e.department ?? null])),
    r.evalNow,
    s ? [s.valid ? 1 : 0, s.open ? 1 : 0, s.overdue ? 1 : 0, s.nextChange === Infinity ? -1 : s.nextChange, s.department, ...(s.unresolved ? [1] : [])] : null,
    r.firstSeen,
    r.summary ?? null,
  ])
}

export function decodeRequest(text: string): RequestRecord {
  const [id, c, events, evalNow, s, firstSeen, summary] = JSON.parse(text) as [
    string,
    [number, number, number, number, number, number] | null,
    EventRow[],
    number,
    [number, number, number, number, string | null, number?] | null,
    number,
    string | null,
  ]
  const r: RequestRecord = {
    id,
    created: c ? { at: c[0], region: c[1], category: c[2], channel: c[3], urgent: c[4] === 1, deadline: c[5] } : null,
    events: events.map(([kind, at, sat, department, outcome]) => {
      const e: LifeEvent = { kind: kind as Life, at }
      if (sat >= 0) e.sat = sat
      if (department !== null) e.department = department
      if (outcome) e.outcome = outcome
      return e
    }),
    evalNow,
    state: s ? { valid: s[0] === 1, open: s[1] === 1, overdue: s[2] === 1, nextChange: s[3] < 0 ? Infinity : s[3], department: s[4], unresolved: s[5] === 1 } : null,
    firstSeen,
  }
  if (summary !== null) r.summary = summary
  return r
}
