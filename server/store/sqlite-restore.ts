/**
 * The embedded store's start: its checkpoint handed to the engine (its small header; the bulk is
 * read from the state tables), then the batches committed after it replayed a slice at a time.
 */
import type { Checkpoint, CommitListener } from './event-store.ts'
import { decodeBatch, type Reader } from './sqlite-reader.ts'

/** Rows replayed per slice at open, between which the event loop runs. */
const REPLAY_SLICE = 200

/** Restores the state the tables hold and replays the log after it; returns the log position reached. */
export async function restoreState(reader: Reader, onCheckpoint: (c: Checkpoint) => boolean, onCommit: CommitListener): Promise<number> {
  const { st } = reader
  const cp = st.getMeta.get('cursor') as { v: number } | undefined
  const state = st.getMeta.get('checkpoint') as { v: Buffer } | undefined
  const skip = st.getMeta.get('skip') as { v: string } | undefined
  let from = 0
  let partial: { seq: number; applied: number } | null = null
  if (cp && state && onCheckpoint({ cursor: String(cp.v), state: new Uint8Array(state.v.buffer, state.v.byteOffset, state.v.byteLength) })) {
    from = cp.v
    if (skip) partial = JSON.parse(skip.v) as { seq: number; applied: number }
  } else if (cp) {
    // Refused (another region pack or engine version): its rows would be read as this one's.
    // The state is rebuilt from the batches still kept (LOG_KEEP_DAYS / LOG_KEEP_MB behind the old state).
    reader.db.exec(`BEGIN; DELETE FROM buckets; DELETE FROM requests; DELETE FROM kv;
      DELETE FROM meta WHERE k IN ('checkpoint', 'cursor', 'skip'); COMMIT;`)
  }
  return replay(reader, from, partial, onCommit)
}

/** Delivers the committed batches after `from` (less the events of `partial` the state has), a slice at a time. */
async function replay(reader: Reader, from: number, partial: { seq: number; applied: number } | null, onCommit: CommitListener): Promise<number> {
  let after = from
  for (;;) {
    const rows = reader.st.logAfter.all(after, REPLAY_SLICE) as { seq: number; body: string; keep: string | null }[]
    if (!rows.length) break
    for (const r of rows) {
      let events = decodeBatch(r.body, r.keep)
      if (r.seq === partial?.seq) events = events.slice(partial.applied)
      if (events.length) onCommit(events)
      after = r.seq
    }
    await new Promise((r) => setImmediate(r))
  }
  return after
}
