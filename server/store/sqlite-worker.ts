/** The embedded store's writer thread: answers each request of the store with its result or error. */
import { parentPort, workerData } from 'node:worker_threads'
import type { StateRows } from './event-store.ts'
import { openDatabase, SqliteWriter, type AppendJob, type CheckpointJob } from './sqlite-writer.ts'

export type WriterRequest =
  | { n: number; op: 'append'; jobs: AppendJob[]; today: number; cursor: number }
  | { n: number; op: 'rows'; rows: StateRows }
  | { n: number; op: 'checkpoint'; job: CheckpointJob }
  | { n: number; op: 'probe'; now: number }
  | { n: number; op: 'close' }

export type WriterReply = { n: number; error: string; code?: string } | { n: number; fresh?: Uint8Array[]; cursors?: number[] }

const writer = new SqliteWriter(openDatabase((workerData as { path: string }).path))
const port = parentPort!
/** Rows of the checkpoint being sent, written with it. */
let rows: StateRows[] = []
port.on('message', (m: WriterRequest) => {
  try {
    if (m.op === 'rows') {
      rows.push(m.rows)
      return port.postMessage({ n: m.n } satisfies WriterReply)
    }
    if (m.op === 'append') {
      const r = writer.append(m.jobs, m.today, m.cursor)
      port.postMessage({ n: m.n, fresh: r.fresh, cursors: r.cursors } satisfies WriterReply)
    } else if (m.op === 'checkpoint') {
      const taken = rows
      rows = []
      writer.checkpoint(m.job, taken)
      port.postMessage({ n: m.n } satisfies WriterReply)
    } else if (m.op === 'probe') {
      writer.probe(m.now)
      port.postMessage({ n: m.n } satisfies WriterReply)
    } else {
      writer.close()
      port.postMessage({ n: m.n } satisfies WriterReply)
      port.close()
    }
  } catch (err) {
    const e = err as Error & { code?: string }
    port.postMessage({ n: m.n, error: e.message, code: e.code } satisfies WriterReply)
  }
})
port.postMessage({ n: 0 } satisfies WriterReply)
