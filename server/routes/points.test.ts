/**
 * The map's point layer over the API (`/api/v1/regions/:code/points`), for both stores: today's
 * located requests with their state, posted out of order and twice, equal the hand-written list,
 * and again after a restart from the checkpoint; the day's points leave at midnight; the cap.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions } from 'fastify'
import { describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionPoints } from '../../shared/map-points.ts'
import { buildApp, type BuiltApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import type { EventStore } from '../store/event-store.ts'
import { storeKindsWithRedis } from '../testing/both-stores.ts'
import { SqliteStore } from '../store/sqlite-store.ts'
import { createdEvent, lifeEvent, TOKEN } from '../testing/test-app.ts'

const T = (t: string) => Date.parse(`${t}+08:00`)
const iso = (t: string) => `${t}+08:00`
const TIEDONG = '210302'
const TIEXI = '210303'
const clock = { now: T('2026-11-21T12:00:00') }

/** Requests of 2026-11-21 (and one of the day before), located or not. */
function day(): IngestEvent[] {
  const at = (x: number, y: number): [number, number] => [x, y]
  return [
    // P1 open, deadline at 13:00 (overdue after a restart at 13:30).
    createdEvent('P1', iso('2026-11-21T08:00:00'), { location: at(122.99512, 41.10468), deadline: iso('2026-11-21T13:00:00') }),
    // P2 open past its deadline: overdue.
    createdEvent('P2', iso('2026-11-21T09:00:00'), { location: at(122.9906, 41.1), category: '供水', deadline: iso('2026-11-21T10:00:00') }),
    lifeEvent('request.dispatched', 'P2', iso('2026-11-21T09:10:00'), { department: '区住建局' }),
    // P3 completed.
    createdEvent('P3', iso('2026-11-21T10:00:00'), { location: at(123.0004, 41.1199), category: '燃气' }),
    lifeEvent('request.completed', 'P3', iso('2026-11-21T11:00:00')),
    // P4 invalidated: not on the map.
    createdEvent('P4', iso('2026-11-21T10:30:00'), { location: at(123.01, 41.11) }),
    lifeEvent('request.invalidated', 'P4', iso('2026-11-21T10:40:00')),
    // P5 yesterday's, P6 without a location: not on the map.
    createdEvent('P6', iso('2026-11-21T11:00:00')),
    createdEvent('P5', iso('2026-11-20T23:59:00'), { location: at(123.02, 41.12) }),
    // P7 in 铁西区.
    createdEvent('P7', iso('2026-11-21T11:30:00'), { location: at(122.95, 41.11), region: '210303002001', urgency: 'urgent' }),
    // P8 in 铁西区, withdrawn (撤回): closed without 办结, not completed on the map.
    createdEvent('P8', iso('2026-11-21T11:40:00'), { location: at(122.96, 41.12), region: '210303002001', category: '物业管理' }),
    lifeEvent('request.completed', 'P8', iso('2026-11-21T11:50:00'), { outcome: 'withdrawn' }),
  ]
}

const P1 = { location: [122.995, 41.105], category: '供暖', state: 'open', at: T('2026-11-21T08:00:00') }
const P2 = { location: [122.991, 41.1], category: '供水', state: 'overdue', at: T('2026-11-21T09:00:00') }
const P3 = { location: [123, 41.12], category: '燃气', state: 'completed', at: T('2026-11-21T10:00:00') }
const P7 = { location: [122.95, 41.11], category: '供暖', state: 'open', at: T('2026-11-21T11:30:00') }
const P8 = { location: [122.96, 41.12], category: '物业管理', state: 'unresolved', at: T('2026-11-21T11:40:00') }

const KINDS = storeKindsWithRedis('points', () => clock.now)

async function start(store: EventStore, env: Record<string, string> = {}): Promise<BuiltApp> {
  const config = loadConfig({ INGEST_TOKEN: TOKEN, DATA_DIR: tmpdir(), TICK_MS: '60000', CLIENT_DIR: join(tmpdir(), 'no-client'), EVENT_LOOP_MAX_MS: '60000', ...env })
  return buildApp({ config, store, clock: () => clock.now })
}

/**
 * A request as a client makes it: a 503 (the process was busy; nothing was done) is tried again, as
 * its Retry-After asks. A loaded test machine delays this process's event loop.
 */
async function inject(b: BuiltApp, opts: string | InjectOptions) {
  for (let i = 0; ; i++) {
    const res = await b.app.inject(opts)
    if (res.statusCode !== 503 || i === 20) return res
    await new Promise((r) => setTimeout(r, 100))
  }
}
const post = async (b: BuiltApp, events: IngestEvent[]) => {
  const res = await inject(b, { method: 'POST', url: '/api/v1/events', payload: events, headers: { authorization: `Bearer ${TOKEN}` } })
  expect(res.statusCode).toBe(200)
}
const points = async (b: BuiltApp, code: string, query = '?date=today'): Promise<RegionPoints> => {
  const res = await inject(b, `/api/v1/regions/${code}/points${query}`)
  expect(res.statusCode, code).toBe(200)
  return res.json() as RegionPoints
}

describe.each(KINDS)('the point layer over the API: $name', (kind) => {
  it('lists today’s located requests with their state, the same after a restart; the state moves on with time; midnight clears it', async () => {
    const { store, cleanup } = kind.setup()
    clock.now = T('2026-11-21T12:00:00')
    try {
      let b = await start(store())
      const events = day()
      // Lifecycle events before their request, in two posts, and every event a second time.
      await post(b, events.slice(5).reverse())
      await post(b, events.slice(0, 5).reverse())
      await post(b, events.slice(2, 11))
      await b.tick()
      const before = await points(b, TIEDONG)
      expect(before).toMatchObject({ region: TIEDONG, date: '2026-11-21', capped: false })
      expect(before.points).toEqual([P1, P2, P3])
      expect((await points(b, '2103', '')).points).toEqual([P1, P2, P3, P7, P8])
      expect((await points(b, TIEXI, '?date=2026-11-21')).points).toEqual([P7, P8])
      // Nothing names a person or a request.
      expect(Object.keys(before.points[0]).sort()).toEqual(['at', 'category', 'location', 'state'])
      await b.checkpoint()
      await b.app.close()

      b = await start(store())
      const after = await points(b, TIEDONG)
      expect(after.points).toEqual(before.points)
      expect((await points(b, '2103')).points).toEqual([P1, P2, P3, P7, P8])
      // P1 passes its deadline after the restart; P3 is reopened by an event.
      clock.now = T('2026-11-21T13:30:00')
      await post(b, [lifeEvent('request.reopened', 'P3', iso('2026-11-21T13:20:00'))])
      await b.tick()
      expect((await points(b, TIEDONG)).points).toEqual([{ ...P1, state: 'overdue' }, P2, { ...P3, state: 'open' }])
      await b.checkpoint()
      await b.app.close()

      // A restart the next day: yesterday's points are gone, and stay gone after another restart.
      clock.now = T('2026-11-22T08:00:00')
      b = await start(store())
      expect((await points(b, '2103')).points).toEqual([])
      await post(b, [createdEvent('Q1', iso('2026-11-22T07:00:00'), { location: [123.1, 41.2] })])
      await b.checkpoint()
      await b.app.close()
      b = await start(store())
      expect((await points(b, '2103')).points).toEqual([{ location: [123.1, 41.2], category: '供暖', state: 'open', at: T('2026-11-22T07:00:00') }])
      await b.app.close()
    } finally {
      await cleanup()
    }
  }, 60_000)
})

describe('points API', () => {
  it('refuses a day other than today, keeps at most MAP_POINTS_PER_DAY and counts the rest in /metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-points-'))
    clock.now = T('2026-11-21T12:00:00')
    const b = await start(new SqliteStore(dir, { clock: () => clock.now }), { MAP_POINTS_PER_DAY: '2' })
    try {
      await post(b, day())
      const res = await inject(b, `/api/v1/regions/${TIEDONG}/points?date=2026-11-20`)
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatch(/not today/)
      expect((await inject(b, '/api/v1/regions/999999/points')).statusCode).toBe(404)
      const city = await points(b, '2103')
      expect(city.capped).toBe(true)
      expect(city.points).toEqual([P1, P2])
      const metrics = await inject(b, '/metrics')
      // P3, P7 and P8 were left off (P4, invalidated within the same batch, was never a point).
      expect(metrics.body).toMatch(/^yiwang_map_points_dropped_total 3$/m)
      const spec = (await inject(b, '/api/v1/openapi.json')).json() as { paths: Record<string, unknown> }
      expect(spec.paths).toHaveProperty(['/api/v1/regions/{code}/points'])
    } finally {
      await b.app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
