/**
 * Every write of the embedded store, on one SQLite connection: committed batches with their ids
 * (unique, so an id is applied at most once), and checkpoints with the engine's changed rows.
 * It runs on the store's worker thread, so commits and fsyncs never hold the server's event loop.
 */
import Database from 'better-sqlite3'
import type { StateRows } from './event-store.ts'
import { migrate } from './sqlite-schema.ts'

/** One append of a commit group: the ids of its events and what to keep of its body. */
export interface AppendJob {
  ids: string[]
  /** The body as received (a JSON array or NDJSON), or the events as a JSON array. */
  body: string
  /** Items in the body. */
  items: number
  /** The body's item index of each id. */
  indexes: number[]
}

export interface CheckpointJob {
  state: Uint8Array
  cursor: number
  /** The batch after `cursor` applied in part: its position and the events applied. */
  skip: { seq: number; applied: number } | null
  today: number
  dedupeDays: number
  logKeepDays: number
  /** Bytes of received batches kept behind the state at most (the newest). */
  logKeepBytes: number
}

/** Ids pruned per checkpoint at most. */
const PRUNE_ROWS = 20_000
/** Log rows (batches, up to a few MB each) pruned per checkpoint at most. */
const PRUNE_LOG_ROWS = 500

/** Opens (creating or migrating) the database file with the store's settings. */
export function openDatabase(path: string): Database.Database {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('cache_size = -16384')
  migrate(db)
  return db
}

export class SqliteWriter {
  private markedDay = -1
  private readonly st
  /** Position and size in bytes of each log row, oldest first, from `logHead` on. */
  private readonly logSeqs: number[] = []
  private readonly logBytes: number[] = []
  private logHead = 0

  constructor(private readonly db: Database.Database) {
    this.st = {
      setMeta: db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v'),
      delMeta: db.prepare('DELETE FROM meta WHERE k = ?'),
      insertId: db.prepare('INSERT OR IGNORE INTO ids (id) VALUES (?)'),
      maxIdRow: db.prepare('SELECT max(rowid) AS m FROM ids'),
      insertMark: db.prepare('INSERT OR IGNORE INTO id_marks (day, first) VALUES (?, ?)'),
      markBefore: db.prepare('SELECT first FROM id_marks WHERE day <= ? ORDER BY day DESC LIMIT 1'),
      pruneIds: db.prepare('DELETE FROM ids WHERE rowid IN (SELECT rowid FROM ids WHERE rowid < ? LIMIT ?)'),
      insertLog: db.prepare('INSERT INTO log (day, body, keep) VALUES (?, ?, ?)'),
      pruneLog: db.prepare('DELETE FROM log WHERE seq IN (SELECT seq FROM log WHERE (day < ? OR seq < ?) AND seq <= ? LIMIT ?)'),
      firstLog: db.prepare('SELECT min(seq) AS s FROM log'),
      putBucket: db.prepare('INSERT INTO buckets (kind, period, region, v) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET v = excluded.v'),
      delBucket: db.prepare('DELETE FROM buckets WHERE kind = ? AND period = ? AND region = ?'),
      putRequest: db.prepare(
        'INSERT INTO requests (id, hot, late, completed, v) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET hot = excluded.hot, late = excluded.late, completed = excluded.completed, v = excluded.v',
      ),
      delRequest: db.prepare('DELETE FROM requests WHERE id = ?'),
      putKv: db.prepare('INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT DO UPDATE SET v = excluded.v'),
      delKv: db.prepare('DELETE FROM kv WHERE k = ?'),
    }
    for (const r of db.prepare('SELECT seq, octet_length(body) AS n FROM log ORDER BY seq').iterate() as Iterable<{ seq: number; n: number }>) {
      this.logSeqs.push(r.seq)
      this.logBytes.push(r.n)
    }
  }

  /**
   * Commits a group of appends in one durable transaction; returns, per job, which ids were new
   * (1) or seen before (0), and the log position after it.
   */
  append(jobs: AppendJob[], today: number, cursor: number): { fresh: Uint8Array[]; cursors: number[] } {
    const fresh: Uint8Array[] = []
    const cursors: number[] = []
    let seq = cursor
    this.db.transaction(() => {
      if (today !== this.markedDay) {
        const max = (this.st.maxIdRow.get() as { m: number | null }).m ?? 0
        this.st.insertMark.run(today, max + 1)
      }
      for (const job of jobs) {
        const f = new Uint8Array(job.ids.length)
        const keep: number[] = []
        for (let i = 0; i < job.ids.length; i++) {
          if (this.st.insertId.run(job.ids[i]).changes !== 1) continue
          f[i] = 1
          keep.push(job.indexes[i])
        }
        fresh.push(f)
        if (keep.length) {
          const all = keep.length === job.items && keep.every((k, i) => k === i)
          seq = Number(this.st.insertLog.run(today, job.body, all ? null : JSON.stringify(keep)).lastInsertRowid)
          this.logSeqs.push(seq)
          this.logBytes.push(Buffer.byteLength(job.body))
        }
        cursors.push(seq)
      }
    })()
    this.markedDay = today
    return { fresh, cursors }
  }

  /**
   * Writes the engine header and its changed rows with the cursor in one transaction, then prunes
   * a slice of what the dedupe window and the log's retention no longer need. The state is rebuilt
   * from the log after a crash, so this commit does not wait for the disk.
   */
  checkpoint(job: CheckpointJob, rows: StateRows[]): void {
    const { db, st } = this
    db.pragma('synchronous = NORMAL')
    try {
      db.transaction(() => {
        st.setMeta.run('checkpoint', Buffer.from(job.state.buffer, job.state.byteOffset, job.state.byteLength))
        st.setMeta.run('cursor', job.cursor)
        if (job.skip) st.setMeta.run('skip', JSON.stringify(job.skip))
        else st.delMeta.run('skip')
        for (const r of rows) this.writeRows(r)
        const mark = st.markBefore.get(job.today - job.dedupeDays - 1) as { first: number } | undefined
        if (mark) st.pruneIds.run(mark.first, PRUNE_ROWS)
        st.pruneLog.run(job.today - job.logKeepDays, this.firstKeptBySize(job.logKeepBytes), job.cursor, PRUNE_LOG_ROWS)
        this.forgetPruned((st.firstLog.get() as { s: number | null }).s)
      })()
    } finally {
      db.pragma('synchronous = FULL')
    }
  }

  /** The oldest log position within the newest `bytes` of the log. */
  private firstKeptBySize(bytes: number): number {
    let total = 0
    let i = this.logSeqs.length - 1
    for (; i >= this.logHead; i--) {
      total += this.logBytes[i]
      if (total > bytes) break
    }
    return i < this.logHead ? 0 : this.logSeqs[i] + 1
  }

  private forgetPruned(first: number | null): void {
    const seqs = this.logSeqs
    while (this.logHead < seqs.length && (first === null || seqs[this.logHead] < first)) this.logHead++
    if (this.logHead > 4096 && this.logHead * 2 > seqs.length) {
      seqs.splice(0, this.logHead)
      this.logBytes.splice(0, this.logHead)
      this.logHead = 0
    }
  }

  private writeRows(rows: StateRows): void {
    const st = this.st
    const buf = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength)
    for (const b of rows.buckets) {
      if (b.v) st.putBucket.run(b.kind, b.period, b.region, buf(b.v))
      else st.delBucket.run(b.kind, b.period, b.region)
    }
    for (const r of rows.requests) {
      if (r.v !== null) st.putRequest.run(r.id, r.hot ? 1 : 0, r.late ? 1 : 0, r.completed, r.v)
      else st.delRequest.run(r.id)
    }
    for (const e of rows.kv) {
      if (e.v) st.putKv.run(e.k, buf(e.v))
      else st.delKv.run(e.k)
    }
  }

  /** A small durable write: succeeds once the disk takes writes again. */
  probe(now: number): void {
    this.st.setMeta.run('probe', now)
  }

  close(): void {
    this.db.close()
  }
}
