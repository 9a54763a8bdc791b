/**
 * The bucket rows of a checkpoint, encoded a slice at a time from memory: a captured bucket still
 * marked is encoded as it is now; one copied before it changed (or left memory) is encoded from
 * its copy (null: no bucket then, the row is deleted).
 */
import type { StateRows } from '../store/event-store.ts'
import type { BucketMarks } from './bucket-marks.ts'
import { splitBucketKey } from './state-codec.ts'

/** Bucket rows of a checkpoint, handed out a slice at a time. */
export interface BucketRowSource {
  /** Moves up to `room` rows into `out`; returns how many. */
  fill(out: StateRows['buckets'], room: number): number
}

export function bucketRows(
  captured: BucketMarks,
  copies: Map<number, Float64Array | null>,
  current: (kind: number, period: number, region: number) => Float64Array | undefined,
  /** Null for a bucket of zeros: its row is deleted. */
  encode: (b: Float64Array) => Uint8Array | null,
): BucketRowSource {
  const keys = captured.keys()
  let next = 0
  return {
    fill: (out, room) => {
      const start = next
      for (; next < keys.length && next - start < room; next++) {
        const key = keys[next]
        const { kind, period, region } = splitBucketKey(key)
        let b: Float64Array | null | undefined
        if (captured.unmark(kind, period, region)) b = current(kind, period, region)
        else {
          b = copies.get(key)
          copies.delete(key)
        }
        out.push({ kind, period, region, v: b ? encode(b) : null })
      }
      if (next === keys.length) captured.clear()
      return next - start
    },
  }
}
