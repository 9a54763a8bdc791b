/**
 * A checkpoint's state rows handed to the writer a slice per turn of the event loop. Rows differ
 * in cost (a deleted row, a sparse day bucket, a request's JSON, a hot-word sketch) and the kind
 * can change from one row to the next, so a turn takes rows in small pulls until `sliceMs` have
 * passed and sends them as one slice. A pull is sized by the pace of the last one (rows for
 * `pullMs`, at most twice the last pull and at most `maxPull`): a turn overruns its aim by one pull
 * at most, however the cost of the rows changes.
 */
import type { StateRows } from './event-store.ts'

export interface RowSliceOptions {
  /** Time one turn aims at. @default 4 ms */
  sliceMs?: number
  /** Time one pull aims at. @default 0.25 ms */
  pullMs?: number
  /** Rows in the first pull. @default 1 */
  first?: number
  /** Most rows in one pull. @default 256 */
  maxPull?: number
  now?: () => number
}

/** Takes slices from `rows` until it is drained, sending each; resolves after the last. */
export async function sendRowSlices(rows: (max: number) => StateRows | null, send: (slice: StateRows) => void, opts: RowSliceOptions = {}): Promise<void> {
  const { sliceMs = 4, pullMs = 0.25, maxPull = 256, now = () => performance.now() } = opts
  let pull = opts.first ?? 1
  for (;;) {
    const start = now()
    const slice: StateRows = { buckets: [], requests: [], kv: [] }
    let drained = false
    for (let t = start; now() - start < sliceMs; ) {
      const part = rows(pull)
      if (!part) {
        drained = true
        break
      }
      for (const r of part.buckets) slice.buckets.push(r)
      for (const r of part.requests) slice.requests.push(r)
      for (const r of part.kv) slice.kv.push(r)
      const n = part.buckets.length + part.requests.length + part.kv.length
      const end = now()
      pull = Math.max(1, Math.min(2 * pull, maxPull, Math.floor((n * pullMs) / Math.max(end - t, 0.001))))
      t = end
    }
    if (slice.buckets.length + slice.requests.length + slice.kv.length) send(slice)
    if (drained) return
    await new Promise((r) => setImmediate(r))
  }
}
