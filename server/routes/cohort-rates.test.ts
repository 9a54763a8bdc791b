/**
 * 24小时/72小时办结率 and 最近巡查 over the API, against the figures worked out by hand, for both
 * stores: events shuffled and posted twice, then a restart from the checkpoint.
 */
import { describe, expect, it } from 'vitest'
import type { Briefing } from '../../shared/briefing-types.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { BuiltApp } from '../app.ts'
import { COMMUNITY, cohortEvents, GRID_A, GRID_B, HAND_BRIEFING, HAND_PATROL, HAND_WINDOWS, NOW } from '../engine/cohort.testkit.ts'
import { checkAcrossRestart, getOk as get, storeKindsWithRedis } from '../testing/both-stores.ts'

const now = Date.parse(NOW)

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

describe.each(storeKindsWithRedis('cohort', () => now))('cohort rates and last patrol over the API: $name', (kind) => {
  it('equal the hand-computed figures with events out of order and twice, and again after a restart from the checkpoint', async () => {
    const events = cohortEvents()
    // Reversed, in three posts, and a third of the events posted a second time.
    await checkAcrossRestart(kind, now, [events.slice(18).reverse(), events.slice(0, 18).reverse(), events.slice(5, 25)], expectHandFigures)
  }, 60_000)
})
