/**
 * A Redis-mode process's own embedded database (engine state rows and the stream cursor they
 * cover), and what happens when it is lost: refused by the engine (another state format or
 * region pack) or unreadable, it is set aside so a peer's state can take its place.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { Checkpoint, StateTables } from './event-store.ts'
import { splitCursor } from './redis-local-state.ts'
import { SqliteStore } from './sqlite-store.ts'

export class LocalState {
  /** The database in use (a fresh one after `setAside`). */
  store: SqliteStore

  constructor(
    readonly dir: string,
    private readonly clock: () => number,
  ) {
    this.store = this.fresh()
  }

  private fresh(): SqliteStore {
    return new SqliteStore(this.dir, { clock: this.clock, logKeepDays: 0 })
  }

  /** The state rows of whichever database is in use (the engine holds this object from before `open`). */
  get tables(): StateTables {
    const t = () => this.store.tables
    return {
      buckets: (kind, from) => t().buckets(kind, from),
      bucket: (kind, period, region) => t().bucket(kind, period, region),
      span: (kind) => t().span(kind),
      hotRequests: () => t().hotRequests(),
      request: (id) => t().request(id),
      lateCompletedAfter: (after) => t().lateCompletedAfter(after),
      kv: (prefix) => t().kv(prefix),
      kvGet: (k) => t().kvGet(k),
      kvPage: (prefix, after, limit) => t().kvPage(prefix, after, limit),
    }
  }

  /** Opens the database and hands its checkpoint to the engine: the cursor it covers, and why the state was lost when it was. */
  async open(onCheckpoint: (c: Checkpoint) => boolean): Promise<{ from: string; lost: string | null }> {
    let from = '0-0'
    let refused = false
    try {
      await this.store.open(
        (c) => {
          const saved = splitCursor(c.state)
          if (!saved || !onCheckpoint({ cursor: saved.cursor, state: saved.state })) {
            refused = true
            return false
          }
          from = saved.cursor
          return true
        },
        () => {},
      )
    } catch (err) {
      await this.store.close().catch(() => {})
      // The files stay until `setAside`; the next open is on a fresh store.
      this.store = this.fresh()
      return { from: '0-0', lost: `unreadable (${(err as Error).message})` }
    }
    return { from, lost: refused ? 'refused by the engine (another state format or region pack)' : null }
  }

  /** Closes the database and moves its files to `refused-<ms>/`, leaving the folder to a fresh one; returns where they went. */
  async setAside(): Promise<string> {
    await this.store.close().catch(() => {})
    const aside = join(this.dir, `refused-${this.clock()}`)
    mkdirSync(aside, { recursive: true })
    for (const f of ['yiwang.db', 'yiwang.db-wal', 'yiwang.db-shm']) if (existsSync(join(this.dir, f))) renameSync(join(this.dir, f), join(aside, f))
    this.store = this.fresh()
    return aside
  }
}
