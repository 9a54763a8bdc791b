/**
 * 24小时/72小时办结率 and 最近巡查 over the API, against the figures worked out by hand, for both
 * stores: events shuffled and posted twice, then a restart from the checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Briefing } from '../../shared/briefing-types.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { redisForTests, uniquePrefix, type TestRedis } from '../../test/redis/redis-server.ts'
import { buildApp, type BuiltApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { COMMUNITY, cohortEvents, GRID_A, GRID_B, HAND_BRIEFING, HAND_PATROL, HAND_WINDOWS, NOW } from '../engine/cohort.testkit.ts'
import type { EventStore } from '../store/event-store.ts'
import { redisOptionsFromEnv } from '../store/redis-options.ts'
import { RedisStore } from '../store/redis-store.ts'
import { SqliteStore } from '../store/sqlite-store.ts'
import { TOKEN } from '../testing/test-app.ts'

let redis: TestRedis
beforeAll(async () => {
  redis = await redisForTests()
})
afterAll(async () => {
  await redis?.dispose()
})

const now = Date.parse(NOW)

const KINDS = [
  {
    name: 'embedded (SQLite)',
    setup() {
      const dir = mkdtempSync(join(tmpdir(), 'yiwang-cohort-'))
      return { store: (): EventStore => new SqliteStore(dir, { clock: () => now }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
    },
  },
  {
    name: 'redis',
    setup() {
      const prefix = uniquePrefix('cohort')
      return {
        store: (): EventStore => new RedisStore(redisOptionsFromEnv(redis.url, prefix, {})),
        cleanup: async () => {
          const r = new Redis(redis.url)
          const keys = await r.keys(`{${prefix}}:*`)
          if (keys.length) await r.del(...keys)
          r.disconnect()
        },
      }
    },
  },
]

async function start(store: EventStore): Promise<BuiltApp> {
  const config = loadConfig({ INGEST_TOKEN: TOKEN, DATA_DIR: tmpdir(), TICK_MS: '60000', CLIENT_DIR: join(tmpdir(), 'no-client'), EVENT_LOOP_MAX_MS: '60000' })
  return buildApp({ config, store, clock: () => now })
}

const get = async <T>(b: BuiltApp, url: string): Promise<T> => {
  const res = await b.app.inject(url)
  expect(res.statusCode, url).toBe(200)
  return res.json() as T
}

async function expectHandFigures(b: BuiltApp): Promise<void> {
  b.tick()
  for (const code of [COMMUNITY, '210302', '2103']) {
    const snap = await get<Snapshot>(b, `/api/v1/regions/${code}/snapshot`)
    expect(snap.cohort, code).toEqual(HAND_WINDOWS)
  }
  // Another district has no cohorts.
  expect((await get<Snapshot>(b, '/api/v1/regions/210303/snapshot')).cohort!.last7.h24).toEqual({ rate: null, n: 0, done: 0, from: '2026-11-15', to: '2026-11-19' })
  for (const code of ['2103', COMMUNITY]) {
    const briefing = await get<Briefing>(b, `/api/v1/regions/${code}/briefing?date=2026-11-20`)
    expect(briefing.cohortRates, code).toEqual(HAND_BRIEFING)
  }
  const grid = async (code: string) => (await get<Snapshot>(b, `/api/v1/regions/${code}/snapshot`)).grid.lastPatrolAt
  expect(await grid(GRID_A)).toBe(HAND_PATROL.gridA)
  expect(await grid(GRID_B)).toBe(HAND_PATROL.gridB)
  // Above the grids: the latest patrol of the subtree; a district without patrols has none.
  expect(await grid(COMMUNITY)).toBe(HAND_PATROL.gridA)
  expect(await grid('2103')).toBe(HAND_PATROL.gridA)
  expect(await grid('210303')).toBeNull()
}

describe.each(KINDS)('cohort rates and last patrol over the API: $name', (kind) => {
  it('equal the hand-computed figures with events out of order and twice, and again after a restart from the checkpoint', async () => {
    const { store, cleanup } = kind.setup()
    try {
      let b = await start(store())
      const events = cohortEvents()
      // Reversed, in three posts, and a third of the events posted a second time.
      for (const part of [events.slice(18).reverse(), events.slice(0, 18).reverse(), events.slice(5, 25)]) {
        const res = await b.app.inject({ method: 'POST', url: '/api/v1/events', payload: part, headers: { authorization: `Bearer ${TOKEN}` } })
        expect(res.statusCode).toBe(200)
      }
      await expectHandFigures(b)
      await b.checkpoint()
      await b.app.close()
      b = await start(store())
      await expectHandFigures(b)
      await b.app.close()
    } finally {
      await cleanup()
    }
  }, 60_000)
})
