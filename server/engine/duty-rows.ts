/**
 * Duty values (`u:<grid>|<worker>` rows): the latest duty event of a worker in a grid, 9 bytes (its
 * time as a float64, then 1 when on duty). The rows of a slice share one buffer.
 */
import type { StateRows } from '../store/event-store.ts'
import type { CapturedRows } from './captured-rows.ts'

/** The latest duty event of a worker in a grid (replaced, never changed in place). */
export interface Duty {
  readonly at: number
  readonly on: boolean
}

/** A duty key and its value at a capture (undefined: none). */
export type DutyAt = readonly [key: string, duty: Duty | undefined]

/** Moves up to `room` duty rows of `captured` into `out`, encoded into one buffer; returns how many. */
export function dutyRows(captured: CapturedRows<string, DutyAt>, out: StateRows['kv'], room: number): number {
  const taken: DutyAt[] = []
  const n = captured.fill(taken, room)
  const buf = new Uint8Array(n * 9)
  const view = new DataView(buf.buffer)
  for (let j = 0; j < n; j++) {
    const [key, d] = taken[j]
    if (!d) {
      out.push({ k: `u:${key}`, v: null })
      continue
    }
    view.setFloat64(j * 9, d.at, true)
    buf[j * 9 + 8] = d.on ? 1 : 0
    out.push({ k: `u:${key}`, v: buf.subarray(j * 9, j * 9 + 9) })
  }
  return n
}

/** A duty row's value. */
export function decodeDuty(v: Uint8Array): Duty {
  return { at: new DataView(v.buffer, v.byteOffset, v.byteLength).getFloat64(0, true), on: v[8] === 1 }
}
