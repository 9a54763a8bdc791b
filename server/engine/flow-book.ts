/**
 * The day's dispatches (派单) and sign-fors (签收) per region, every level, for today and
 * yesterday (the rest of the day's flow, 受理, 办结 and 回访, comes from the region counters).
 * A day is one array of `[dispatched, signed]` per region index; the regions changed since the
 * last checkpoint are marked per day, and a checkpoint copies their values at its capture (a
 * sub-millisecond copy) and encodes them a slice at a time.
 */
import type { StateRows } from '../store/event-store.ts'
import { BucketKind } from '../store/event-store.ts'
import type { BucketRowSource } from './bucket-rows.ts'
import { decodeSparse, encodeSparse } from './sparse-codec.ts'

const K = BucketKind.flowDay

export class FlowBook {
  /** `[dispatched, signed]` at `2 · region`, by day. */
  private readonly days = new Map<number, Float64Array>()
  /** Regions changed since the last checkpoint, by day (a day that left: every region it counted). */
  private dirty = new Map<number, Set<number>>()
  private today = -1

  constructor(private readonly size: number) {}

  /** Adds `delta` to counter `i` (0 dispatched, 1 signed) of `day` for every region of `chain`. */
  add(chain: Int32Array, day: number, i: number, delta: number): void {
    if (day < this.today - 1) return
    let d = this.days.get(day)
    if (!d) this.days.set(day, (d = new Float64Array(this.size * 2)))
    const marks = this.marksOf(day)
    for (const region of chain) {
      d[region * 2 + i] += delta
      marks.add(region)
    }
  }

  private marksOf(day: number): Set<number> {
    let s = this.dirty.get(day)
    if (!s) this.dirty.set(day, (s = new Set()))
    return s
  }

  /** `[dispatched, signed]` of a region on a day (today or yesterday). */
  of(region: number, day: number): [number, number] {
    const d = this.days.get(day)
    return d ? [d[region * 2], d[region * 2 + 1]] : [0, 0]
  }

  advanceDay(today: number): void {
    if (today === this.today) return
    this.today = today
    for (const [day, d] of this.days) {
      if (day >= today - 1) continue
      this.days.delete(day)
      // Its rows are deleted with the next checkpoint.
      const marks = this.marksOf(day)
      for (let r = 0; r < this.size; r++) if (d[r * 2] !== 0 || d[r * 2 + 1] !== 0) marks.add(r)
    }
  }

  get unsavedRows(): number {
    let n = 0
    for (const s of this.dirty.values()) n += s.size
    return n
  }

  /** The changed regions' values as they are now, as bucket rows encoded a slice at a time. */
  capture(): BucketRowSource {
    const n = this.unsavedRows
    // Per row: day, region, and the two values (NaN: the day has left, the row is deleted).
    const taken = new Float64Array(n * 4)
    let j = 0
    for (const [day, regions] of this.dirty) {
      const d = this.days.get(day)
      for (const region of regions) {
        taken[j++] = day
        taken[j++] = region
        taken[j++] = d ? d[region * 2] : NaN
        taken[j++] = d ? d[region * 2 + 1] : NaN
      }
    }
    this.dirty = new Map()
    let next = 0
    return {
      fill: (out: StateRows['buckets'], room: number) => {
        const start = next
        for (; next < n && next - start < room; next++) {
          const values = taken.subarray(next * 4 + 2, next * 4 + 4)
          out.push({ kind: K, period: taken[next * 4], region: taken[next * 4 + 1], v: Number.isNaN(values[0]) ? null : encodeSparse(values) })
        }
        return next - start
      },
    }
  }

  load(rows: Iterable<{ period: number; region: number; v: Uint8Array }>, today: number): void {
    this.today = today
    for (const r of rows) {
      if (r.period < today - 1) continue
      let d = this.days.get(r.period)
      if (!d) this.days.set(r.period, (d = new Float64Array(this.size * 2)))
      d.set(decodeSparse(r.v).subarray(0, 2), r.region * 2)
    }
  }
}
