/**
 * The embedded store's reads on the main thread: the log for replay and the engine's state rows
 * on demand, through prepared statements on a connection that only reads (an indexed read
 * answers in microseconds).
 */
import type Database from 'better-sqlite3'
import type { IngestEvent } from '../../shared/events.ts'
import { bodyItems } from '../ingest/validate-events.ts'
import type { StateTables } from './event-store.ts'

export interface Reader {
  db: Database.Database
  st: ReturnType<typeof prepareReads>
  tables: StateTables
  /** Runs a function inside one read transaction (made on first use). */
  inRead?: (f: () => unknown) => unknown
}

/** Prepares the reads of an opened database and its state tables. */
export function openReader(db: Database.Database): Reader {
  const st = prepareReads(db)
  const tables: StateTables = {
    buckets: (kind, from) => st.bucketsFrom.iterate(kind, from) as Iterable<{ period: number; region: number; v: Uint8Array }>,
    bucket: (kind, period, region) => st.getBucket.get(kind, period, region) as Uint8Array | undefined,
    span: (kind) => {
      const s = st.bucketSpan.get(kind, kind) as { first: number | null; last: number | null }
      return s.first === null || s.last === null ? undefined : { first: s.first, last: s.last }
    },
    hotRequests: () => st.hotRequests.iterate() as Iterable<string>,
    request: (id) => st.getRequest.get(id) as string | undefined,
    lateCompletedAfter: (t) => st.lateAfter.iterate(t) as Iterable<string>,
    kv: (prefix) => st.kvRange.iterate(prefix, prefix + '\uffff') as Iterable<{ k: string; v: Uint8Array }>,
    kvGet: (k) => st.kvGet.get(k) as Uint8Array | undefined,
    kvPage: (prefix, after, limit) => st.kvPage.all(after < prefix ? prefix : after, prefix + '\uffff', limit) as { k: string; v: Uint8Array }[],
  }
  return { db, st, tables }
}

/** The events a log row holds: its body's items, or those at `keep`. */
export function decodeBatch(body: string, keep: string | null): IngestEvent[] {
  const parsed = bodyItems(body.trimStart().startsWith('[') ? JSON.parse(body) : body)
  if ('error' in parsed) throw new Error(`log row unreadable: ${parsed.error}`)
  const items = parsed.items as IngestEvent[]
  return keep ? (JSON.parse(keep) as number[]).map((i) => items[i]) : items
}

function prepareReads(db: Database.Database) {
  return {
    getMeta: db.prepare('SELECT v FROM meta WHERE k = ?'),
    logAfter: db.prepare('SELECT seq, body, keep FROM log WHERE seq > ? ORDER BY seq LIMIT ?'),
    getBucket: db.prepare('SELECT v FROM buckets WHERE kind = ? AND period = ? AND region = ?').pluck(),
    // Two subqueries: each MIN or MAX alone is one step down the primary key.
    bucketSpan: db.prepare('SELECT (SELECT MIN(period) FROM buckets WHERE kind = ?) AS first, (SELECT MAX(period) FROM buckets WHERE kind = ?) AS last'),
    bucketsFrom: db.prepare('SELECT period, region, v FROM buckets WHERE kind = ? AND period >= ?'),
    getRequest: db.prepare('SELECT v FROM requests WHERE id = ?').pluck(),
    hotRequests: db.prepare('SELECT v FROM requests WHERE hot = 1').pluck(),
    lateAfter: db.prepare('SELECT v FROM requests WHERE late = 1 AND completed > ?').pluck(),
    kvRange: db.prepare('SELECT k, v FROM kv WHERE k >= ? AND k < ?'),
    kvGet: db.prepare('SELECT v FROM kv WHERE k = ?').pluck(),
    kvPage: db.prepare('SELECT k, v FROM kv WHERE k > ? AND k < ? ORDER BY k LIMIT ?'),
  }
}
