/**
 * The embedded store on SQLite (better-sqlite3, WAL): committed batches as received, the ids seen
 * (unique, so an id is applied at most once), and the engine's state as rows written
 * incrementally with each checkpoint. An append resolves once its transaction is durable
 * (`synchronous = FULL`: the WAL is fsynced at commit); appends queued meanwhile share one commit.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { IngestEvent } from '../../shared/events.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import { bodyItems } from '../ingest/validate-events.ts'
import type { AppendResult, Checkpoint, CommitListener, EventStore, RawBatch, StateRows, StateTables } from './event-store.ts'
import { migrate } from './sqlite-schema.ts'

export interface SqliteStoreOptions {
  /** Ids are kept this many days after they were stored. @default 400 */
  dedupeDays?: number
  /** Committed batches are kept this many days behind the state. @default 7 */
  logKeepDays?: number
  /** Most events in one commit (bounds the synchronous part of a commit). @default 4000 */
  maxCommitEvents?: number
  clock?: () => number
}

interface Job {
  events: IngestEvent[]
  raw: RawBatch | undefined
  resolve: (r: AppendResult) => void
  reject: (e: Error) => void
}

/** Rows replayed per slice at open, between which the event loop runs. */
const REPLAY_SLICE = 200
const PRUNE_ROWS = 20_000
const RETRY_MIN_MS = 500
const RETRY_MAX_MS = 30_000

export class SqliteStore implements EventStore {
  readonly kind = 'embedded' as const
  readonly path: string
  private db: Database.Database | null = null
  private queue: Job[] = []
  private flushing = false
  private onCommit: CommitListener = () => {}
  private cursor = 0
  private markedDay = -1
  private broken: { err: Error; since: number } | null = null
  private retryMs = RETRY_MIN_MS
  private retryTimer: NodeJS.Timeout | null = null
  private readonly dedupeDays: number
  private readonly logKeepDays: number
  private readonly maxCommitEvents: number
  private readonly clock: () => number
  private st!: ReturnType<SqliteStore['prepare']>
  tables?: StateTables

  constructor(
    readonly dir: string,
    opts: SqliteStoreOptions = {},
  ) {
    this.path = join(dir, 'yiwang.db')
    this.dedupeDays = opts.dedupeDays ?? 400
    this.logKeepDays = opts.logKeepDays ?? 7
    this.maxCommitEvents = opts.maxCommitEvents ?? 4000
    this.clock = opts.clock ?? Date.now
    mkdirSync(this.dir, { recursive: true })
    const db = new Database(this.path)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('cache_size = -65536')
    migrate(db)
    this.db = db
    this.st = this.prepare(db)
    this.tables = this.makeTables()
  }

  get healthy(): boolean {
    return this.db !== null && !this.broken
  }

  /** Why the store refuses writes, and since when; null when it accepts them. */
  get failure(): { reason: string; since: number } | null {
    if (this.broken) return { reason: this.broken.err.message, since: this.broken.since }
    if (!this.db) return { reason: 'store is closed', since: 0 }
    return null
  }

  async open(onCheckpoint: (c: Checkpoint) => boolean, onCommit: CommitListener): Promise<void> {
    if (!this.db) throw new Error('store is closed')
    const cp = this.st.getMeta.get('cursor') as { v: number } | undefined
    const state = this.st.getMeta.get('checkpoint') as { v: Buffer } | undefined
    let from = 0
    if (cp && state && onCheckpoint({ cursor: String(cp.v), state: new Uint8Array(state.v.buffer, state.v.byteOffset, state.v.byteLength) })) {
      from = cp.v
    }
    this.cursor = from
    await this.replay(from, onCommit)
    this.onCommit = onCommit
  }

  /** Delivers the committed batches after `from`, a slice at a time. */
  private async replay(from: number, onCommit: CommitListener): Promise<void> {
    let after = from
    for (;;) {
      const rows = this.st.logAfter.all(after, REPLAY_SLICE) as { seq: number; body: string; keep: string | null }[]
      if (!rows.length) break
      for (const r of rows) {
        const events = decodeBatch(r.body, r.keep)
        if (events.length) onCommit(events)
        after = r.seq
      }
      this.cursor = after
      await new Promise((r) => setImmediate(r))
    }
  }

  append(events: IngestEvent[], raw?: RawBatch): Promise<AppendResult> {
    if (this.broken) return Promise.reject(this.broken.err)
    if (!this.db) return Promise.reject(new Error('store is closed'))
    if (!events.length) return Promise.resolve({ fresh: [] })
    return new Promise((resolve, reject) => {
      this.queue.push({ events, raw, resolve, reject })
      if (!this.flushing) {
        this.flushing = true
        setImmediate(() => this.flush())
      }
    })
  }

  /**
   * Commits queued appends in one transaction (up to `maxCommitEvents` events), then delivers
   * and acknowledges them; the rest waits for the next turn of the event loop.
   */
  private flush(): void {
    const db = this.db
    if (!db) {
      for (const j of this.queue) j.reject(new Error('store is closed'))
      this.queue = []
      this.flushing = false
      return
    }
    let n = 0
    let take = 0
    while (take < this.queue.length && (take === 0 || n + this.queue[take].events.length <= this.maxCommitEvents)) n += this.queue[take++].events.length
    const jobs = this.queue.splice(0, take)
    const results: { job: Job; fresh: boolean[]; kept: IngestEvent[] }[] = []
    const today = dayIndex(this.clock())
    let seq = this.cursor
    try {
      db.transaction(() => {
        if (today !== this.markedDay) this.markDay(today)
        for (const job of jobs) {
          const fresh: boolean[] = []
          const kept: IngestEvent[] = []
          const keepIdx: number[] = []
          job.events.forEach((e, i) => {
            const isNew = this.st.insertId.run(e.id).changes === 1
            fresh.push(isNew)
            if (isNew) {
              kept.push(e)
              keepIdx.push(job.raw ? job.raw.indexes[i] : i)
            }
          })
          if (kept.length) {
            const all = job.raw ? keepIdx.length === job.raw.items && isIdentity(keepIdx) : kept.length === job.events.length
            const body = job.raw ? job.raw.text : JSON.stringify(job.events)
            const info = this.st.insertLog.run(today, body, all ? null : JSON.stringify(keepIdx))
            seq = Number(info.lastInsertRowid)
          }
          results.push({ job, fresh, kept })
        }
      })()
    } catch (err) {
      for (const j of jobs) j.reject(err as Error)
      this.markedDay = -1
      this.fail(err as Error)
      return this.next()
    }
    this.cursor = seq
    for (const r of results) {
      if (r.kept.length) this.onCommit(r.kept)
      r.job.resolve({ fresh: r.fresh })
    }
    this.next()
  }

  private next(): void {
    if (this.queue.length && !this.broken) setImmediate(() => this.flush())
    else {
      for (const j of this.queue) j.reject(this.broken?.err ?? new Error('store is closed'))
      this.queue = []
      this.flushing = false
    }
  }

  /** Records where the ids of a new ingest day start, for pruning by rowid. */
  private markDay(today: number): void {
    const max = (this.st.maxIdRow.get() as { m: number | null }).m ?? 0
    this.st.insertMark.run(today, max + 1)
    this.markedDay = today
  }

  /** Marks the store broken and probes it with backoff until a write succeeds again. */
  private fail(err: Error): void {
    if (!this.broken) this.broken = { err, since: this.clock() }
    else this.broken.err = err
    if (this.retryTimer || !this.db) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (!this.db) return
      try {
        this.st.setMeta.run('probe', this.clock())
        this.broken = null
        this.retryMs = RETRY_MIN_MS
      } catch (e) {
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS)
        this.fail(e as Error)
      }
    }, this.retryMs)
    this.retryTimer.unref()
  }

  /**
   * Writes the engine header and its changed rows with the cursor, in one transaction, then prunes
   * a slice of what the dedupe window and the log's retention no longer need. The state is
   * rebuilt from the log after a crash, so this commit need not wait for the disk.
   */
  async saveCheckpoint(state: Uint8Array, rows?: StateRows): Promise<void> {
    const db = this.db
    if (!db) throw new Error('store is closed')
    if (this.broken) throw this.broken.err
    const today = dayIndex(this.clock())
    db.pragma('synchronous = NORMAL')
    try {
      db.transaction(() => {
        this.st.setMeta.run('checkpoint', Buffer.from(state.buffer, state.byteOffset, state.byteLength))
        this.st.setMeta.run('cursor', this.cursor)
        if (rows) this.writeRows(rows)
        const mark = this.st.markBefore.get(today - this.dedupeDays - 1) as { first: number } | undefined
        if (mark) this.st.pruneIds.run(mark.first, PRUNE_ROWS)
        this.st.pruneLog.run(today - this.logKeepDays, this.cursor, PRUNE_ROWS)
      })()
    } catch (err) {
      this.fail(err as Error)
      throw err
    } finally {
      db.pragma('synchronous = FULL')
    }
  }

  private writeRows(rows: StateRows): void {
    const st = this.st
    for (const b of rows.buckets) {
      if (b.v) st.putBucket.run(b.kind, b.period, b.region, Buffer.from(b.v.buffer, b.v.byteOffset, b.v.byteLength))
      else st.delBucket.run(b.kind, b.period, b.region)
    }
    for (const r of rows.requests) {
      if (r.v !== null) st.putRequest.run(r.id, r.hot ? 1 : 0, r.late ? 1 : 0, r.completed, r.v)
      else if (r.hot) st.delRequest.run(r.id)
      else st.coolRequest.run(r.id)
    }
    for (const e of rows.kv) {
      if (e.v) st.putKv.run(e.k, Buffer.from(e.v.buffer, e.v.byteOffset, e.v.byteLength))
      else st.delKv.run(e.k)
    }
  }

  async ping(): Promise<number> {
    if (!this.db) throw new Error('store is closed')
    if (this.broken) throw this.broken.err
    const t = performance.now()
    this.st.ping.get()
    return performance.now() - t
  }

  async close(): Promise<void> {
    while (this.flushing && !this.broken) await new Promise((r) => setImmediate(r))
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    const db = this.db
    this.db = null
    this.tables = undefined
    db?.close()
  }

  private prepare(db: Database.Database) {
    return {
      getMeta: db.prepare('SELECT v FROM meta WHERE k = ?'),
      setMeta: db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v'),
      insertId: db.prepare('INSERT OR IGNORE INTO ids (id) VALUES (?)'),
      maxIdRow: db.prepare('SELECT max(rowid) AS m FROM ids'),
      insertMark: db.prepare('INSERT OR IGNORE INTO id_marks (day, first) VALUES (?, ?)'),
      markBefore: db.prepare('SELECT first FROM id_marks WHERE day <= ? ORDER BY day DESC LIMIT 1'),
      pruneIds: db.prepare('DELETE FROM ids WHERE rowid IN (SELECT rowid FROM ids WHERE rowid < ? LIMIT ?)'),
      insertLog: db.prepare('INSERT INTO log (day, body, keep) VALUES (?, ?, ?)'),
      logAfter: db.prepare('SELECT seq, body, keep FROM log WHERE seq > ? ORDER BY seq LIMIT ?'),
      pruneLog: db.prepare('DELETE FROM log WHERE seq IN (SELECT seq FROM log WHERE day < ? AND seq <= ? LIMIT ?)'),
      putBucket: db.prepare('INSERT INTO buckets (kind, period, region, v) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET v = excluded.v'),
      delBucket: db.prepare('DELETE FROM buckets WHERE kind = ? AND period = ? AND region = ?'),
      getBucket: db.prepare('SELECT v FROM buckets WHERE kind = ? AND period = ? AND region = ?').pluck(),
      bucketsFrom: db.prepare('SELECT period, region, v FROM buckets WHERE kind = ? AND period >= ?'),
      putRequest: db.prepare(
        'INSERT INTO requests (id, hot, late, completed, v) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET hot = excluded.hot, late = excluded.late, completed = excluded.completed, v = excluded.v',
      ),
      delRequest: db.prepare('DELETE FROM requests WHERE id = ?'),
      coolRequest: db.prepare('UPDATE requests SET hot = 0 WHERE id = ?'),
      getRequest: db.prepare('SELECT v FROM requests WHERE id = ?').pluck(),
      hotRequests: db.prepare('SELECT v FROM requests WHERE hot = 1').pluck(),
      lateAfter: db.prepare('SELECT v FROM requests WHERE late = 1 AND completed > ?').pluck(),
      putKv: db.prepare('INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT DO UPDATE SET v = excluded.v'),
      delKv: db.prepare('DELETE FROM kv WHERE k = ?'),
      kvRange: db.prepare('SELECT k, v FROM kv WHERE k >= ? AND k < ?'),
      ping: db.prepare('SELECT 1'),
    }
  }

  private makeTables(): StateTables {
    const st = this.st
    return {
      buckets: (kind, from) => st.bucketsFrom.iterate(kind, from) as Iterable<{ period: number; region: number; v: Uint8Array }>,
      bucket: (kind, period, region) => st.getBucket.get(kind, period, region) as Uint8Array | undefined,
      hotRequests: () => st.hotRequests.iterate() as Iterable<string>,
      request: (id) => st.getRequest.get(id) as string | undefined,
      lateCompletedAfter: (t) => st.lateAfter.iterate(t) as Iterable<string>,
      kv: (prefix) => st.kvRange.iterate(prefix, prefix + '\uffff') as Iterable<{ k: string; v: Uint8Array }>,
    }
  }
}

function isIdentity(idx: number[]): boolean {
  for (let i = 0; i < idx.length; i++) if (idx[i] !== i) return false
  return true
}

/** The events a log row holds: its body's items, or those at `keep`. */
export function decodeBatch(body: string, keep: string | null): IngestEvent[] {
  const parsed = bodyItems(body.trimStart().startsWith('[') ? JSON.parse(body) : body)
  if ('error' in parsed) throw new Error(`log row unreadable: ${parsed.error}`)
  const items = parsed.items as IngestEvent[]
  return keep ? (JSON.parse(keep) as number[]).map((i) => items[i]) : items
}
