/**
 * The embedded store's writer thread (`sqlite-worker.mjs`, which runs `sqlite-writer.ts`): numbered
 * calls and their replies. A thread that dies rejects every call in flight and is reported once.
 */
import { Worker } from 'node:worker_threads'
import type { WriterReply, WriterRequest } from './sqlite-worker.ts'

/** A request to the writer, without its number. */
export type WriterCall = { [K in WriterRequest['op']]: Omit<Extract<WriterRequest, { op: K }>, 'n'> }[WriterRequest['op']]

export class WriterThread {
  private worker: Worker | null = null
  private readonly calls = new Map<number, { resolve: (r: WriterReply) => void; reject: (e: Error) => void }>()
  private seq = 0

  constructor(
    private readonly path: string,
    /** The thread stopped without being asked to (the store then refuses writes). */
    private readonly onDied: (err: Error) => void,
  ) {}

  get running(): boolean {
    return this.worker !== null
  }

  /** Starts the thread; resolves once its database is open. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./sqlite-worker.mjs', import.meta.url), { workerData: { path: this.path } })
      worker.once('error', reject)
      worker.on('message', (m: WriterReply) => {
        if (m.n === 0) {
          worker.off('error', reject)
          worker.on('error', (err: Error) => this.died(err))
          this.worker = worker
          return resolve()
        }
        const call = this.calls.get(m.n)
        this.calls.delete(m.n)
        if (!call) return
        if ('error' in m) call.reject(Object.assign(new Error(m.error), { code: m.code }))
        else call.resolve(m)
      })
      worker.on('exit', () => this.died(new Error('store writer stopped')))
    })
  }

  call(req: WriterCall): Promise<WriterReply> {
    const worker = this.worker
    if (!worker) return Promise.reject(new Error('store is closed'))
    const n = ++this.seq
    return new Promise((resolve, reject) => {
      this.calls.set(n, { resolve, reject })
      worker.postMessage({ ...req, n })
    })
  }

  /** Closes the database and ends the thread. */
  async stop(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    await this.call({ op: 'close' }).catch(() => {})
    this.worker = null
    await worker.terminate()
  }

  private died(err: Error): void {
    // Stopped by `stop` (no longer running), or died: then it is reported.
    const unexpected = this.worker !== null
    this.worker = null
    for (const c of this.calls.values()) c.reject(err)
    this.calls.clear()
    if (unexpected) this.onDied(err)
  }
}
