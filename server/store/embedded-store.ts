/**
 * The embedded store: an append-only NDJSON event log under DATA_DIR, fsynced before an
 * append resolves (group commit), plus engine checkpoints written atomically beside it.
 */
import { closeSync, existsSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync, fsyncSync } from 'node:fs'
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
    this.logPath = join(dir, 'events.ndjson')
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
    if (cp && Number(cp.cursor) <= this.size && onCheckpoint(cp)) from = Number(cp.cursor)
    this.replay(from, onCommit)
    this.onCommit = onCommit
  }

  /** Reads the log: every id into the dedupe set, events after `from` to the listener; drops a torn tail. */
  private replay(from: number, onCommit: CommitListener): void {
    let buf = Buffer.allocUnsafe(CHUNK)
    let carry = 0 // bytes of an unfinished line kept at the start of buf
    let pos = 0 // file position of buf[0]
    let complete = 0 // end of the last complete line
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
          const e = JSON.parse(buf.toString('utf8', lineStart, nl)) as IngestEvent
          this.ids.add(e.id)
          if (pos + lineStart >= from) batch.push(e)
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
    let text = ''
    for (const e of events) {
      const isNew = !this.ids.has(e.id)
      fresh.push(isNew)
      if (!isNew) continue
      this.ids.add(e.id)
      kept.push(e)
      text += JSON.stringify(e) + '\n'
    }
    if (!kept.length) return Promise.resolve({ fresh })
    return new Promise((resolve, reject) => {
      this.queue.push({ events: kept, text, resolve, reject, fresh })
      if (!this.flushing) setImmediate(() => this.flush())
      this.flushing = true
    })
  }

  /** Writes every queued batch with one write and one fdatasync, then delivers and acknowledges them. */
  private flush(): void {
    const jobs = this.queue
    this.queue = []
    try {
      const data = Buffer.from(jobs.map((j) => j.text).join(''))
      let off = 0
      while (off < data.length) off += writeSync(this.fd, data, off, data.length - off, this.size + off)
      fdatasyncSync(this.fd)
      this.size += data.length
    } catch (err) {
      this.broken = err as Error
      for (const j of jobs) {
        for (const e of j.events) this.ids.delete(e.id)
        j.reject(this.broken)
      }
      this.flushing = false
      return
    }
    for (const j of jobs) {
      this.onCommit(j.events)
      j.resolve({ fresh: j.fresh })
    }
    if (this.queue.length) setImmediate(() => this.flush())
    else this.flushing = false
  }

  async saveCheckpoint(state: Uint8Array): Promise<void> {
    const header = Buffer.alloc(8)
    header.writeDoubleLE(this.size)
    const tmp = `${this.checkpointPath}.tmp`
    writeFileSync(tmp, Buffer.concat([header, state]))
    const fd = openSync(tmp, 'r')
    fsyncSync(fd)
    closeSync(fd)
    renameSync(tmp, this.checkpointPath)
  }

  private readCheckpoint(): Checkpoint | null {
    if (!existsSync(this.checkpointPath)) return null
    const buf = readFileSync(this.checkpointPath)
    if (buf.length < 8) return null
    return { cursor: String(buf.readDoubleLE(0)), state: buf.subarray(8) }
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
