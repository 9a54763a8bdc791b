/** Test builders: a server on a temp data folder with a controllable clock, and event factories. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IngestEvent } from '../../shared/events.ts'
import { buildApp, type BuiltApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { SqliteStore } from '../store/sqlite-store.ts'

export const TOKEN = 'test-ingest-token'

export interface TestApp extends BuiltApp {
  dir: string
  clock: { now: number }
  close(): Promise<void>
}

/** Builds an app on a fresh temp folder (or `dir`), with the clock at `now`. */
export async function buildTestApp(opts: { now?: number; env?: Record<string, string>; dir?: string } = {}): Promise<TestApp> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'yiwang-test-'))
  const clock = { now: opts.now ?? Date.parse('2026-11-20T10:00:00+08:00') }
  // A test shares its event loop with the app and may hold it (building a month of events) before a
  // request: that is not load on the server, so the 503 under event-loop pressure waits for a minute here.
  const config = loadConfig({ INGEST_TOKEN: TOKEN, DATA_DIR: dir, TICK_MS: '60000', CLIENT_DIR: join(dir, 'no-client'), EVENT_LOOP_MAX_MS: '60000', ...opts.env })
  const built = await buildApp({ config, store: new SqliteStore(dir, { clock: () => clock.now }), clock: () => clock.now })
  return {
    ...built,
    dir,
    clock,
    async close() {
      await built.app.close()
      if (!opts.dir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

let seq = 0
/** A `request.created` on a community of 铁东区, overridable. */
export const createdEvent = (requestId: string, at: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({
    id: `t-${++seq}-${requestId}`,
    type: 'request.created',
    at,
    requestId,
    region: '210302002001',
    category: '供暖',
    channel: 'hotline',
    urgency: 'normal',
    ...extra,
  }) as IngestEvent

/** A lifecycle event of a request. */
export const lifeEvent = (type: string, requestId: string, at: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({ id: `t-${++seq}-${requestId}`, type, at, requestId, ...extra }) as IngestEvent
