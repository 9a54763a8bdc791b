/** The embedded store's SQLite schema: the event log, the ids seen, and the engine's state as rows. */
import type Database from 'better-sqlite3'

export const SCHEMA_VERSION = 2

/**
 * - `log`: each committed batch as it was received (`body`), with the indexes of the items kept
 *   (`keep`, null when all were) and the day it was stored, for pruning behind the state.
 * - `ids`: every event id applied, in insertion order; `id_marks` the first rowid of each
 *   ingest day, so ids older than the dedupe window are dropped by rowid range.
 * - `buckets`: day, month and hourly counters of each region (sparse-encoded).
 * - `requests`: one row per request (JSON); `hot` rows are loaded at start, the others read on
 *   demand; `late` rows (completed after their deadline) are indexed by completion time.
 * - `kv`: other keyed engine state (surge series, duty, patrols); `meta`: cursor and engine header.
 */
export function migrate(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, day INTEGER NOT NULL, body TEXT NOT NULL, keep TEXT);
    CREATE TABLE IF NOT EXISTS ids (id TEXT NOT NULL UNIQUE);
    CREATE TABLE IF NOT EXISTS id_marks (day INTEGER PRIMARY KEY, first INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS buckets (kind INTEGER NOT NULL, period INTEGER NOT NULL, region INTEGER NOT NULL, v BLOB NOT NULL,
      PRIMARY KEY (kind, period, region)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS requests (id TEXT PRIMARY KEY, hot INTEGER NOT NULL, late INTEGER NOT NULL,
      completed REAL, v TEXT NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS requests_hot ON requests (hot) WHERE hot = 1;
    CREATE INDEX IF NOT EXISTS requests_late ON requests (completed) WHERE late = 1;
    CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
  `)
  const row = db.prepare(`SELECT v FROM meta WHERE k = 'schema'`).get() as { v: number } | undefined
  if (!row) db.prepare(`INSERT INTO meta (k, v) VALUES ('schema', ?)`).run(SCHEMA_VERSION)
  else if (row.v !== SCHEMA_VERSION) throw new Error(`data folder has schema ${row.v}; this server reads schema ${SCHEMA_VERSION}`)
}
