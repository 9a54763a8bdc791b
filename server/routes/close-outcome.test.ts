/**
 * Closes without 办结 over the API, against the figures worked out by hand, for both stores: events
 * shuffled and posted twice, a restart from the checkpoint, then an event that re-folds a request
 * from its stored row; the day's briefing agrees. A bad outcome is rejected naming the field, the rest of the batch kept.
 */
import { describe, expect, it } from 'vitest'
import type { IngestResponse } from '../../shared/events.ts'
import type { Briefing } from '../../shared/briefing-types.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { BuiltApp } from '../app.ts'
import { COMMUNITY, HAND, HAND_AFTER_REOPEN, NOW, outcomeEvents, outcomeFigures, reopenAfterRestart } from '../engine/close-outcome.testkit.ts'
import { getOk as get, startOn, storeKindsWithRedis } from '../testing/both-stores.ts'
import { TOKEN } from '../testing/test-app.ts'


const now = Date.parse(NOW)

async function post(b: BuiltApp, events: unknown[]): Promise<IngestResponse> {
  const res = await b.app.inject({ method: 'POST', url: '/api/v1/events', payload: events, headers: { authorization: `Bearer ${TOKEN}` } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as IngestResponse
}

async function expectFigures(b: BuiltApp, want: typeof HAND): Promise<void> {
  b.tick()
  for (const code of [COMMUNITY, '210302', '2103']) {
    expect(outcomeFigures(await get<Snapshot>(b, `/api/v1/regions/${code}/snapshot`), want), code).toEqual(want)
    // The briefing of 11-20 gives the same 未办结关闭 beside its 办结率.
    const day = (await get<Briefing>(b, `/api/v1/regions/${code}/briefing?date=2026-11-20`)).day
    expect({ closedUnresolved: day.closedUnresolved, completionRate: day.completionRate }, code).toEqual({ closedUnresolved: want.yesterday.closedUnresolved, completionRate: want.yesterday.completionRate })
  }
}

describe.each(storeKindsWithRedis('outcome', () => now))('closes without 办结 over the API: $name', (kind) => {
  it('equal the hand-computed figures out of order and twice, after a restart, and after a re-fold from the stored row', async () => {
    const { store, cleanup } = kind.setup()
    try {
      const events = outcomeEvents()
      let b = await startOn(store(), now)
      for (const part of [events.slice(10).reverse(), events.slice(0, 10).reverse(), events.slice(4, 16)]) await post(b, part)
      await expectFigures(b, HAND)
      await b.checkpoint()
      await b.app.close()
      b = await startOn(store(), now)
      await expectFigures(b, HAND)
      // Reopening K1 makes the engine retract K1's contribution as read back from its row: a row
      // that lost the outcome would retract a 办结 that was never counted.
      expect((await post(b, [reopenAfterRestart()])).accepted).toBe(1)
      await expectFigures(b, HAND_AFTER_REOPEN)
      await b.app.close()
    } finally {
      await cleanup()
    }
  }, 60_000)

  it('rejects an unknown outcome naming the field and its values, keeping the rest of the batch', async () => {
    const { store, cleanup } = kind.setup()
    try {
      const b = await startOn(store(), now)
      const [k4, done] = outcomeEvents().filter((e) => 'requestId' in e && e.requestId === 'K4')
      const res = await post(b, [k4, { ...done, outcome: 'closed' }, { ...done, id: 'k-ok' }])
      expect(res.accepted).toBe(2)
      expect(res.rejected).toEqual([{ index: 1, id: done.id, error: 'outcome: expected one of resolved, unresolvable, withdrawn, rejected' }])
      const bad = await post(b, [{ ...done, id: 'k-num', outcome: 1 }])
      expect(bad.rejected[0].error).toMatch(/^outcome: expected one of resolved/)
      b.tick()
      expect((await get<Snapshot>(b, `/api/v1/regions/${COMMUNITY}/snapshot`)).windows.yesterday.completionRate).toBe(1)
      await b.app.close()
    } finally {
      await cleanup()
    }
  }, 60_000)
})
