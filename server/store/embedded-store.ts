/**
 * The embedded store: an append-only log under DATA_DIR (one line per committed batch: a JSON
 * array of its new events), fsynced before an append resolves (group commit), plus checkpoints
 * written atomically beside it: the log position, the ids seen so far and the engine state.
 */
import { closeSync, existsSync, fdatasync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync, fsyncSync } from 'node:fs'
import { join } from 'node:path'
import type { IngestEvent } from '../../shared/events.ts'
import type { AppendResult, Checkpoint, CommitListener, EventStore } from './event-store.ts'

interface Job {
  events: IngestEvent[]
  text: string
  resolve: (r: AppendResult) => void
  reject: (e: Error) => void
  fresh: boolean[]
}

const CHUNK = 8 * 1024 * 1024

export class EmbeddedStore implements EventStore {
  readonly kind = 'embedded' as const
  private fd = -1
  private size = 0
  private readonly ids = new Set<string>()
  private queue: Job[] = []
  private flushing = false
  private onCommit: CommitListener = () => {}
  private broken: Error | null = null
  private readonly logPath: string
  private readonly checkpointPath: string

  constructor(readonly dir: string) {
    this.logPath = join(dir, 'events.log')
    this.checkpointPath = join(dir, 'checkpoint.bin')
  }

  get healthy(): boolean {
    return this.fd >= 0 && !this.broken
  }

  async open(onCheckpoint: (c: Checkpoint) => boolean, onCommit: CommitListener): Promise<void> {
    mkdirSync(this.dir, { recursive: true })
    this.fd = openSync(this.logPath, existsSync(this.logPath) ? 'r+' : 'w+')
    this.size = statSync(this.logPath).size
    let from = 0
    const cp = this.readCheckpoint()
    if (cp && cp.cursor <= this.size && onCheckpoint({ cursor: String(cp.cursor), state: cp.state })) {
      from = cp.cursor
      for (const id of cp.ids) this.ids.add(id)
    }
    this.replay(from, onCommit)
    this.onCommit = onCommit
  }

  /** Reads the log from `from`: ids into the dedupe set, events to the listener; drops a torn tail. */
  private replay(from: number, onCommit: CommitListener): void {
    let buf = Buffer.allocUnsafe(CHUNK)
    let carry = 0 // bytes of an unfinished line kept at the start of buf
    let pos = from // file position of buf[0]
    let complete = from // end of the last complete line
    while (pos + carry < this.size) {
      if (carry === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)])
      const n = readSync(this.fd, buf, carry, Math.min(buf.length - carry, this.size - pos - carry), pos + carry)
      if (n <= 0) break
      const filled = carry + n
      const lastNl = buf.lastIndexOf(0x0a, filled - 1)
      if (lastNl < 0) {
        carry = filled
        continue
      }
      const batch: IngestEvent[] = []
      let lineStart = 0
      while (lineStart <= lastNl) {
        const nl = buf.indexOf(0x0a, lineStart)
        if (nl > lineStart) {
          const line = JSON.parse(buf.toString('utf8', lineStart, nl)) as IngestEvent[]
          for (const e of line) {
            this.ids.add(e.id)
            batch.push(e)
          }
        }
        lineStart = nl + 1
      }
      complete = pos + lastNl + 1
      if (batch.length) onCommit(batch)
      buf.copy(buf, 0, lastNl + 1, filled)
      carry = filled - lastNl - 1
      pos = complete
    }
    if (complete < this.size) {
      // A write torn by a crash was never acknowledged: cut it off.
      ftruncateSync(this.fd, complete)
      this.size = complete
    }
  }

  append(events: IngestEvent[]): Promise<AppendResult> {
    if (this.broken) return Promise.reject(this.broken)
    if (this.fd < 0) return Promise.reject(new Error('store is closed'))
    const fresh: boolean[] = []
    const kept: IngestEvent[] = []
    for (const e of events) {
      const isNew = !this.ids.has(e.id)
      fresh.push(isNew)
      if (!isNew) continue
      this.ids.add(e.id)
      kept.push(e)
    }
    if (!kept.length) return Promise.resolve({ fresh })
    const text = JSON.stringify(kept) + '\n'
    return new Promise((resolve, reject) => {
      this.queue.push({ events: kept, text, resolve, reject, fresh })
      if (!this.flushing) setImmediate(() => this.flush())
      this.flushing = true
    })
  }

  /**
   * Writes every queued batch with one write and one fdatasync (off the event loop, so the next
   * requests are parsed meanwhile and join the next group), then delivers and acknowledges them.
   */
  private flush(): void {
    const jobs = this.queue
    this.queue = []
    const fail = (err: Error): void => {
      this.broken = err
      for (const j of jobs) {
        for (const e of j.events) this.ids.delete(e.id)
        j.reject(err)
      }
      this.flushing = false
    }
    let data: Buffer
    try {
      data = Buffer.from(jobs.map((j) => j.text).join(''))
      let off = 0
      while (off < data.length) off += writeSync(this.fd, data, off, data.length - off, this.size + off)
    } catch (err) {
      return fail(err as Error)
    }
    fdatasync(this.fd, (err) => {
      if (err) return fail(err)
      this.size += data.length
      for (const j of jobs) {
        this.onCommit(j.events)
        j.resolve({ fresh: j.fresh })
      }
      if (this.queue.length) this.flush()
      else this.flushing = false
    })
  }

  async saveCheckpoint(state: Uint8Array): Promise<void> {
    const ids = Buffer.from(JSON.stringify([...this.ids]))
    const header = Buffer.alloc(16)
    header.writeDoubleLE(this.size, 0)
    header.writeDoubleLE(ids.length, 8)
    const tmp = `${this.checkpointPath}.tmp`
    writeFileSync(tmp, Buffer.concat([header, ids, state]))
    const fd = openSync(tmp, 'r')
    fsyncSync(fd)
    closeSync(fd)
    renameSync(tmp, this.checkpointPath)
  }

  private readCheckpoint(): { cursor: number; ids: string[]; state: Uint8Array } | null {
    if (!existsSync(this.checkpointPath)) return null
    const buf = readFileSync(this.checkpointPath)
    if (buf.length < 16) return null
    const idsLength = buf.readDoubleLE(8)
    if (16 + idsLength > buf.length) return null
    const ids = JSON.parse(buf.toString('utf8', 16, 16 + idsLength)) as string[]
    return { cursor: buf.readDoubleLE(0), ids, state: buf.subarray(16 + idsLength) }
  }

  async ping(): Promise<number> {
    if (!this.healthy) throw this.broken ?? new Error('store is closed')
    return 0
  }

  async close(): Promise<void> {
    while (this.flushing) await new Promise((r) => setImmediate(r))
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
  }
}
