/**
 * The embedded store on SQLite (better-sqlite3, WAL): committed batches as received, the ids seen
 * (unique, so an id is applied at most once), and the engine's state as rows written
 * incrementally with each checkpoint. Writes run on a worker thread (`sqlite-writer.ts`): an
 * append resolves once its transaction is durable (`synchronous = FULL`, the WAL fsynced at
 * commit), and appends queued meanwhile share the next commit. Reads (replay, state rows on
 * demand) use a connection of this thread (`sqlite-reader.ts`).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { IngestEvent } from '../../shared/events.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { AppendResult, Checkpoint, CommitListener, EventStore, RawBatch, StateRows, StateTables } from './event-store.ts'
import type { WriterReply } from './sqlite-worker.ts'
import { openDatabase, type AppendJob } from './sqlite-writer.ts'
import { openReader, type Reader } from './sqlite-reader.ts'
import { restoreState } from './sqlite-restore.ts'
import { WriterThread } from './writer-thread.ts'
import { sendRowSlices } from './row-slices.ts'

export interface SqliteStoreOptions {
  /** Ids are kept this many days after they were stored. @default 400 */
  dedupeDays?: number
  /** Committed batches are kept this many days (by the day they were stored) behind the state. @default 2 */
  logKeepDays?: number
  /** Megabytes of received batches kept behind the state at most (the newest). @default 64 */
  logKeepMb?: number
  /** Most events in one commit. @default 8000 */
  maxCommitEvents?: number
  /** Time one turn of the event loop spends applying committed events, 32 at a time (at least one part). @default 8 */
  applyMs?: number
  clock?: () => number
}

interface Job {
  events: IngestEvent[]
  append: AppendJob
  resolve: (r: AppendResult) => void
  reject: (e: Error) => void
}

/** Events applied between two looks at the time. */
const APPLY_PART = 32
const RETRY_MIN_MS = 500
const RETRY_MAX_MS = 30_000

export class SqliteStore implements EventStore {
  readonly kind = 'embedded' as const
  readonly path: string
  /** The reading connection, opened on first use (so a bad configuration refused earlier touches no disk). */
  private reader: Reader | null = null
  private closed = false
  private readonly writer: WriterThread
  private queue: Job[] = []
  private committing = false
  private onCommit: CommitListener = () => {}
  /** Log position of the last batch delivered to `onCommit`. */
  private cursor = 0
  /** The batch after `cursor` while it is applied a slice at a time: its log position and events applied. */
  private partial: { seq: number; applied: number } | null = null
  private broken: { err: Error; since: number } | null = null
  /** First failure since the last commit that succeeded: a disk that keeps failing stays failing. */
  private failingSince: number | null = null
  private retryMs = RETRY_MIN_MS
  private retryTimer: NodeJS.Timeout | null = null
  private readonly dedupeDays: number
  private readonly logKeepDays: number
  private readonly logKeepBytes: number
  private readonly maxCommitEvents: number
  private readonly applyMs: number
  private readonly clock: () => number

  constructor(
    readonly dir: string,
    opts: SqliteStoreOptions = {},
  ) {
    this.path = join(dir, 'yiwang.db')
    this.dedupeDays = opts.dedupeDays ?? 400
    this.logKeepDays = opts.logKeepDays ?? 2
    this.logKeepBytes = (opts.logKeepMb ?? 64) * 1024 * 1024
    this.maxCommitEvents = opts.maxCommitEvents ?? 8000
    this.applyMs = opts.applyMs ?? 8
    this.clock = opts.clock ?? Date.now
    // Died (not stopped by `close`): the store refuses writes for good, and /healthz says so
    // after STORE_UNHEALTHY_SECONDS, so an orchestrator restarts the process.
    this.writer = new WriterThread(this.path, (err) => {
      this.broken = { err, since: this.clock() }
      this.failingSince ??= this.broken.since
    })
  }

  /** State rows read on demand (opens the file, creating or migrating it, on first use). */
  get tables(): StateTables {
    return this.read().tables
  }

  private read(): NonNullable<SqliteStore['reader']> {
    if (this.reader) return this.reader
    if (this.closed) throw new Error('store is closed')
    mkdirSync(this.dir, { recursive: true })
    // Creates or migrates the file; this connection only reads from then on.
    return (this.reader = openReader(openDatabase(this.path)))
  }

  get healthy(): boolean {
    return this.writer.running && !this.broken
  }

  /** Why the store refuses writes, and since when; null when it accepts them. */
  get failure(): { reason: string; since: number } | null {
    if (this.broken) return { reason: this.broken.err.message, since: this.failingSince ?? this.broken.since }
    if (!this.writer.running) return { reason: 'store is closed', since: 0 }
    return null
  }

  async open(onCheckpoint: (c: Checkpoint) => boolean, onCommit: CommitListener): Promise<void> {
    const reader = this.read()
    // The writer thread starts (mostly loading its code) while the state is restored.
    const writing = this.writer.start()
    try {
      this.cursor = await restoreState(reader, onCheckpoint, (events) => this.withinRead(() => onCommit(events)))
    } catch (err) {
      await writing.then(() => this.writer.stop(), () => undefined)
      throw err
    }
    this.onCommit = onCommit
    await writing
  }

  /**
   * Runs `fn` inside one read transaction: the state rows it reads on demand (requests and days
   * that left memory) share one snapshot and one lock instead of taking one each.
   */
  withinRead<T>(fn: () => T): T {
    const reader = this.read()
    reader.inRead ??= reader.db.transaction((f: () => unknown) => f())
    return reader.inRead(fn) as T
  }

  append(events: IngestEvent[], raw?: RawBatch): Promise<AppendResult> {
    if (this.broken) return Promise.reject(this.broken.err)
    if (!this.writer.running) return Promise.reject(new Error('store is closed'))
    if (!events.length) return Promise.resolve({ fresh: [] })
    const append: AppendJob = raw
      ? { ids: events.map((e) => e.id), body: raw.text, items: raw.items, indexes: raw.indexes }
      : { ids: events.map((e) => e.id), body: JSON.stringify(events), items: events.length, indexes: events.map((_, i) => i) }
    return new Promise((resolve, reject) => {
      this.queue.push({ events, append, resolve, reject })
      if (!this.committing) void this.commit()
    })
  }

  /**
   * Sends the queued appends (up to `maxCommitEvents` events) as one commit, then delivers and
   * acknowledges them. The next commit is sent before this one is delivered, so the writer's
   * transaction and fsync run on the other core while the engine applies (delivery stays in log
   * order); appends that arrive meanwhile go with the commit after.
   */
  private async commit(): Promise<void> {
    this.committing = true
    /** Log position after the last commit the writer answered (a commit that keeps nothing stays there). */
    let written = this.cursor
    const send = () => {
      let n = 0
      let take = 0
      while (take < this.queue.length && (take === 0 || n + this.queue[take].events.length <= this.maxCommitEvents)) n += this.queue[take++].events.length
      const jobs = this.queue.splice(0, take)
      return { jobs, reply: this.writer.call({ op: 'append', jobs: jobs.map((j) => j.append), today: dayIndex(this.clock()), cursor: written }) }
    }
    const canSend = () => this.queue.length > 0 && !this.broken && this.writer.running
    let next = canSend() ? send() : null
    while (next) {
      const { jobs } = next
      let reply: WriterReply
      try {
        reply = await next.reply
      } catch (err) {
        for (const j of jobs) j.reject(err as Error)
        this.fail(err as Error)
        break
      }
      const { fresh, cursors } = reply as { fresh: Uint8Array[]; cursors: number[] }
      this.failingSince = null
      if (cursors.length) written = cursors[cursors.length - 1]
      next = canSend() ? send() : null
      // Applied for about `applyMs` per turn of the event loop (a whole commit group at once
      // would hold the loop as long as the group is large). The position moves with each part,
      // so a checkpoint taken between two turns covers exactly what was applied, down to the event.
      for (let i = 0; i < jobs.length; i++) {
        const f = fresh[i]
        const kept = jobs[i].events.filter((_, k) => f[k] === 1)
        for (let o = 0; o < kept.length; ) {
          if (i > 0 || o > 0) {
            await new Promise((r) => setImmediate(r))
            // Appends that arrived while this commit was delivered go to the writer at once.
            next ??= canSend() ? send() : null
          }
          o = this.applyFor(kept, o, cursors[i])
        }
        this.cursor = cursors[i]
        jobs[i].resolve({ fresh: Array.from(f, (x) => x === 1) })
      }
      next ??= canSend() ? send() : null
    }
    for (const j of this.queue.splice(0)) j.reject(this.broken?.err ?? new Error('store is closed'))
    this.committing = false
  }

  /**
   * Applies `events` from `from` on, APPLY_PART at a time, until `applyMs` have passed (the part
   * under way finishes); returns where it stopped. The state rows read on demand share one read
   * transaction.
   */
  private applyFor(events: IngestEvent[], from: number, seq: number): number {
    const until = performance.now() + this.applyMs
    let o = from
    this.withinRead(() => {
      do {
        const part = o === 0 && events.length <= APPLY_PART ? events : events.slice(o, o + APPLY_PART)
        this.onCommit(part)
        o += part.length
        this.partial = o < events.length ? { seq, applied: o } : null
      } while (o < events.length && performance.now() < until)
    })
    return o
  }

  /** Marks the store broken and probes it with backoff until a write succeeds again. */
  private fail(err: Error): void {
    if (!this.broken) this.broken = { err, since: this.clock() }
    else this.broken.err = err
    this.failingSince ??= this.broken.since
    if (this.retryTimer || !this.writer.running) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.writer.call({ op: 'probe', now: this.clock() }).then(
        () => {
          this.broken = null
          this.retryMs = RETRY_MIN_MS
        },
        (e: Error) => {
          this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS)
          this.fail(e)
        },
      )
    }, this.retryMs)
    this.retryTimer.unref()
  }

  /**
   * Writes the engine header and its changed rows, covering every batch delivered so far: the
   * position is taken now; the rows go to the writer a slice at a time, one per turn of the event
   * loop, and are committed with the header in one transaction.
   */
  async saveCheckpoint(state: Uint8Array, rows?: (max: number) => StateRows | null): Promise<void> {
    if (this.broken) throw this.broken.err
    const job = { state, cursor: this.cursor, skip: this.partial && { ...this.partial }, today: dayIndex(this.clock()), dedupeDays: this.dedupeDays, logKeepDays: this.logKeepDays, logKeepBytes: this.logKeepBytes }
    try {
      if (rows) await sendRowSlices(rows, (slice) => void this.writer.call({ op: 'rows', rows: slice }).catch(() => {}))
      await this.writer.call({ op: 'checkpoint', job })
    } catch (err) {
      this.fail(err as Error)
      throw err
    }
  }

  async ping(): Promise<number> {
    if (this.broken) throw this.broken.err
    const t = performance.now()
    await this.writer.call({ op: 'probe', now: this.clock() })
    return performance.now() - t
  }

  async close(): Promise<void> {
    while (this.committing && !this.broken && this.writer.running) await new Promise((r) => setImmediate(r))
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    await this.writer.stop()
    this.closed = true
    this.reader?.db.close()
    this.reader = null
  }
}
