/**
 * Runs one API check on both stores (embedded SQLite and Redis): events posted in parts (shuffled,
 * some twice), the check, a checkpoint, a restart on the same store, and the check again.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import { buildApp, type BuiltApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import type { EventStore } from '../store/event-store.ts'
import { redisOptionsFromEnv } from '../store/redis-options.ts'
import { RedisStore } from '../store/redis-store.ts'
import { SqliteStore } from '../store/sqlite-store.ts'
import { redisForTests, uniquePrefix, type TestRedis } from '../../test/redis/redis-server.ts'
import { TOKEN } from './test-app.ts'

/** A store kind: `setup` makes a place for it, `store()` opens it there (again after a restart). */
export interface StoreKind {
  name: string
  setup(): { store: () => EventStore; cleanup: () => Promise<void> }
}

/** {@link storeKinds} with a Redis of the test file's own: started before its tests, disposed after. */
export function storeKindsWithRedis(tag: string, clock: () => number): StoreKind[] {
  let redis: TestRedis | undefined
  beforeAll(async () => {
    redis = await redisForTests()
  })
  afterAll(async () => {
    await redis?.dispose()
  })
  return storeKinds(tag, clock, () => redis!.url)
}

/** The two stores on `clock`; `redisUrl` is read when a Redis store is set up. */
export function storeKinds(tag: string, clock: () => number, redisUrl: () => string): StoreKind[] {
  return [
    {
      name: 'embedded (SQLite)',
      setup() {
        const dir = mkdtempSync(join(tmpdir(), `yiwang-${tag}-`))
        return { store: () => new SqliteStore(dir, { clock }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
      },
    },
    {
      name: 'redis',
      setup() {
        const prefix = uniquePrefix(tag)
        return {
          store: () => new RedisStore(redisOptionsFromEnv(redisUrl(), prefix, {})),
          cleanup: async () => {
            const r = new Redis(redisUrl())
            const keys = await r.keys(`{${prefix}}:*`)
            if (keys.length) await r.del(...keys)
            r.disconnect()
          },
        }
      },
    },
  ]
}

/** An app on `store` with its clock at `now`. */
export async function startOn(store: EventStore, now: number, env: Record<string, string> = {}): Promise<BuiltApp> {
  const config = loadConfig({ INGEST_TOKEN: TOKEN, DATA_DIR: tmpdir(), TICK_MS: '60000', CLIENT_DIR: join(tmpdir(), 'no-client'), EVENT_LOOP_MAX_MS: '60000', ...env })
  return buildApp({ config, store, clock: () => now })
}

/** GETs JSON, expecting 200. */
export async function getOk<T>(b: BuiltApp, url: string): Promise<T> {
  const res = await b.app.inject(url)
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
  return res.json() as T
}

/** Posts `parts` one after another, runs `check`, checkpoints, restarts on the same store and runs `check` again. */
export async function checkAcrossRestart(kind: StoreKind, now: number, parts: IngestEvent[][], check: (b: BuiltApp) => Promise<void>): Promise<void> {
  const { store, cleanup } = kind.setup()
  try {
    let b = await startOn(store(), now)
    for (const part of parts) {
      const res = await b.app.inject({ method: 'POST', url: '/api/v1/events', payload: part, headers: { authorization: `Bearer ${TOKEN}` } })
      expect(res.statusCode, res.body).toBe(200)
    }
    await check(b)
    await b.checkpoint()
    await b.app.close()
    b = await startOn(store(), now)
    await check(b)
    await b.app.close()
  } finally {
    await cleanup()
  }
}
