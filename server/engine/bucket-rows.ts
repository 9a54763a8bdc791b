/**
 * The bucket rows of a checkpoint, encoded a slice at a time from memory: the buckets still marked
 * are encoded as they are now, read from the marks as they go (nothing lists them all at once);
 * then the ones copied before they changed (or left memory) are encoded from their copies (null:
 * no bucket then, the row is deleted).
 */
import type { StateRows } from '../store/event-store.ts'
import type { BucketCopies, CopiedBucket } from './bucket-copies.ts'
import type { BucketMarks } from './bucket-marks.ts'

/** Bucket rows of a checkpoint, handed out a slice at a time. */
export interface BucketRowSource {
  /** Moves up to `room` rows into `out`; returns how many. */
  fill(out: StateRows['buckets'], room: number): number
}

export function bucketRows(
  captured: BucketMarks,
  copies: BucketCopies,
  current: (kind: number, period: number, region: number) => Float64Array | undefined,
  /** Null for a bucket of zeros: its row is deleted. */
  encode: (b: Float64Array) => Uint8Array | null,
): BucketRowSource {
  const marked = captured.marked()
  let copied: Generator<CopiedBucket> | null = null
  return {
    fill: (out, room) => {
      let n = 0
      while (!copied && n < room) {
        const next = marked.next()
        if (next.done) {
          captured.clear()
          copied = copies.drain()
          break
        }
        const [kind, period, region] = next.value
        captured.unmark(kind, period, region)
        const b = current(kind, period, region)
        out.push({ kind, period, region, v: b ? encode(b) : null })
        n++
      }
      for (; copied && n < room; n++) {
        const next = copied.next()
        if (next.done) break
        const [kind, period, region, b] = next.value
        out.push({ kind, period, region, v: b ? encode(b) : null })
      }
      return n
    },
  }
}
