/**
 * A checkpoint's state rows handed to the writer a slice per turn of the event loop. Rows differ
 * in cost (a sparse day bucket, a request's JSON, a hot-word sketch), so a slice is sized by the
 * pace of the last one: as many rows as fit in `sliceMs`, at most twice the last slice.
 */
import type { StateRows } from './event-store.ts'

export interface RowSliceOptions {
  /** Rows in the first slice. @default 500 */
  first?: number
  /** Time one turn aims at. @default 4 ms */
  sliceMs?: number
  /** Fewest rows in a slice. @default 16 */
  min?: number
  now?: () => number
}

/** Takes slices from `rows` until it is drained, sending each; resolves after the last. */
export async function sendRowSlices(rows: (max: number) => StateRows | null, send: (slice: StateRows) => void, opts: RowSliceOptions = {}): Promise<void> {
  const { sliceMs = 4, min = 16, now = () => performance.now() } = opts
  let max = opts.first ?? 500
  for (;;) {
    const t = now()
    const slice = rows(max)
    if (!slice) return
    send(slice)
    const n = slice.buckets.length + slice.requests.length + slice.kv.length
    max = Math.max(min, Math.min(2 * max, Math.floor((n * sliceMs) / Math.max(now() - t, 0.01))))
    await new Promise((r) => setImmediate(r))
  }
}
