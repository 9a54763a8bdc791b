/**
 * The day's dispatches (派单) and sign-fors (签收) per region, every level, for today and
 * yesterday (the rest of the day's flow, 受理, 办结 and 回访, comes from the region counters).
 */
import { BucketKind } from '../store/event-store.ts'
import { decodeSparse, encodeSparse } from './sparse-codec.ts'
import { bucketKey, splitBucketKey } from './state-codec.ts'

const K = BucketKind.flowDay

export class FlowBook {
  private readonly days = new Map<number, Float64Array>()
  private readonly dirty = new Set<number>()
  private today = -1

  /** Adds `delta` to counter `i` (0 dispatched, 1 signed) of `day` for every region of `chain`. */
  add(chain: Int32Array, day: number, i: number, delta: number): void {
    if (day < this.today - 1) return
    for (const region of chain) {
      const k = bucketKey(K, day, region)
      let b = this.days.get(k)
      if (!b) this.days.set(k, (b = new Float64Array(2)))
      b[i] += delta
      this.dirty.add(k)
    }
  }

  /** `[dispatched, signed]` of a region on a day (today or yesterday). */
  of(region: number, day: number): [number, number] {
    const b = this.days.get(bucketKey(K, day, region))
    return b ? [b[0], b[1]] : [0, 0]
  }

  advanceDay(today: number): void {
    if (today === this.today) return
    this.today = today
    for (const k of this.days.keys()) {
      if (splitBucketKey(k).period >= today - 1) continue
      this.days.delete(k)
      this.dirty.add(k)
    }
  }

  get unsavedRows(): number {
    return this.dirty.size
  }

  capture(): { kind: number; period: number; region: number; v: Uint8Array | null }[] {
    const rows = [...this.dirty].map((k) => {
      const b = this.days.get(k)
      return { ...splitBucketKey(k), v: b ? encodeSparse(b) : null }
    })
    this.dirty.clear()
    return rows
  }

  load(rows: Iterable<{ period: number; region: number; v: Uint8Array }>, today: number): void {
    this.today = today
    for (const r of rows) if (r.period >= today - 1) this.days.set(bucketKey(K, r.period, r.region), decodeSparse(r.v))
  }
}
