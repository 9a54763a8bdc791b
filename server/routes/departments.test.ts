/**
 * The department figures, stage board and flow over the API, against the figures worked out by
 * hand, for both stores: events shuffled and posted twice, then a restart from the checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DepartmentRanking } from '../../shared/department-types.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { BuiltApp } from '../app.ts'
import { COMMUNITY, DISTRICT, HAND, handDay, NOW, OTHER_DISTRICT, STREET } from '../engine/closed-loop.testkit.ts'
import type { EventStore } from '../store/event-store.ts'
import { SqliteStore } from '../store/sqlite-store.ts'
import { checkAcrossRestart, getOk, startOn, storeKindsWithRedis } from '../testing/both-stores.ts'
import { TOKEN } from '../testing/test-app.ts'

const now = Date.parse(NOW)
const start = (store: EventStore, env: Record<string, string> = {}): Promise<BuiltApp> => startOn(store, now, env)
const get = getOk
const rows = async (b: BuiltApp, code: string, window: string) => (await get<DepartmentRanking>(b, `/api/v1/regions/${code}/departments?window=${window}`)).rows

async function expectHandFigures(b: BuiltApp): Promise<void> {
  b.tick()
  expect(await rows(b, DISTRICT, 'today')).toEqual(HAND.today)
  expect(await rows(b, DISTRICT, 'yesterday')).toEqual(HAND.yesterday)
  expect(await rows(b, OTHER_DISTRICT, 'today')).toEqual([])
  const community = await get<DepartmentRanking>(b, `/api/v1/regions/${COMMUNITY}/departments?window=today`)
  expect(community).toMatchObject({ scope: STREET, rows: HAND.today })
  const snap = await get<Snapshot>(b, '/api/v1/regions/2103/snapshot')
  expect(snap.closedLoop!.stages).toEqual(HAND.stagesCity)
  expect(snap.closedLoop!.flow).toEqual(HAND.flowCity)
  expect(snap.closedLoop!.departments.rows.map((r) => r.name).sort()).toEqual(HAND.today.map((r) => r.name).sort())
}

describe.each(storeKindsWithRedis('dept', () => now))('departments over the API: $name', (kind) => {
  it('equal the hand-computed figures with events out of order and twice, and again after a restart from the checkpoint', async () => {
    const events = handDay()
    // Reversed, in three posts, and every event posted a second time.
    await checkAcrossRestart(kind, now, [events.slice(10).reverse(), events.slice(0, 10).reverse(), events.slice(3, 12)], expectHandFigures)
  }, 60_000)
})

describe('departments API', () => {
  it('explains a bad window or date, and shows the cap in /metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-dept-'))
    const b = await start(new SqliteStore(dir, { clock: () => now }), { DEPARTMENTS_PER_REGION: '1' })
    try {
      await b.app.inject({ method: 'POST', url: '/api/v1/events', payload: handDay(), headers: { authorization: `Bearer ${TOKEN}` } })
      expect((await b.app.inject(`/api/v1/regions/${DISTRICT}/departments?window=week`)).statusCode).toBe(400)
      const future = await b.app.inject(`/api/v1/regions/${DISTRICT}/departments?date=2026-11-22`)
      expect(future.statusCode).toBe(400)
      expect(future.json().error).toMatch(/after today/)
      expect((await b.app.inject(`/api/v1/regions/${DISTRICT}/departments?date=2026-13-01`)).statusCode).toBe(400)
      // As of yesterday, "today" is 11-20.
      const asOf = await get<DepartmentRanking>(b, `/api/v1/regions/${DISTRICT}/departments?window=today&date=2026-11-20`)
      expect(asOf.from).toBe('2026-11-20')
      expect(asOf.rows.map((r) => r.name)).toEqual(['区住建局', '其他'])
      const metrics = await b.app.inject('/metrics')
      expect(metrics.body).toMatch(/^yiwang_department_cap_hits_total [1-9]/m)
      const words = await get<{ words: unknown[] | null }>(b, `/api/v1/regions/${DISTRICT}/hot-words?date=2026-11-20`)
      expect(words.words!.length).toBeGreaterThan(0)
      expect((await get<{ words: null }>(b, `/api/v1/regions/${STREET}/hot-words`)).words).toBeNull()
    } finally {
      await b.app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
