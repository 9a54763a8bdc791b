/** Closes without 办结 in the engine: hand-computed figures whatever the arrival order; the stored row keeps the outcome. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import { Life } from '../../shared/kpi/request-contribution.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { COMMUNITY, HAND, NOW, outcomeEvents, outcomeFigures } from './close-outcome.testkit.ts'
import { Engine } from './engine.ts'
import { decodeRequest, encodeRequest } from './state-codec.ts'

let tree: RegionTree
beforeAll(() => {
  tree = loadRegionPack('2103')
})

function engineFed(orders: IngestEvent[][]): Engine {
  const engine = new Engine({ tree, clock: () => Date.parse(NOW) })
  engine.replayed()
  for (const part of orders) engine.applyCommitted(part)
  engine.tick()
  return engine
}

describe('closes without 办结 in the engine', () => {
  const events = outcomeEvents()
  // In order; reversed one at a time; interleaved in three parts (K5's and K7's two closes swapped).
  const orders: IngestEvent[][][] = [[events], events.slice().reverse().map((e) => [e]), [events.filter((_, i) => i % 3 === 2), events.filter((_, i) => i % 3 === 0).reverse(), events.filter((_, i) => i % 3 === 1)]]

  it('give the hand-computed figures whatever the arrival order', () => {
    for (const order of orders) {
      const engine = engineFed(order)
      for (const code of [COMMUNITY, '210302', '2103']) expect(outcomeFigures(engine.snapshot(tree.indexOf(code))), code).toEqual(HAND)
      expect(engine.snapshot(tree.indexOf('210303')).windows.ytd.closedUnresolved).toBe(0)
    }
  })

  it('leave no stage and no department 办结 behind them', () => {
    const s = engineFed(orders[1]).snapshot(tree.indexOf('2103'))
    const stages = s.closedLoop!.stages
    const total = (row: Record<string, number>) => Object.values(row).reduce((a, b) => a + b, 0)
    // 待回访: K3 (办结 today), K4 and K7; K6 waits for dispatch; K1, K2 and K5 are closed without 办结.
    expect(total(stages.awaitingVisit)).toBe(3)
    expect(total(stages.awaitingDispatch)).toBe(1)
    expect(total(stages.handling) + total(stages.awaitingSign) + total(stages.reopened) + total(stages.returned)).toBe(0)
    const dept = s.closedLoop!.departments.rows.find((r) => r.name === '区住建局')!
    // K1 and K3 dispatched to it; only K3's 办结 is its.
    expect([dept.dispatched, dept.completed, dept.open]).toEqual([2, 1, 0])
  })

  it('keeps the outcome in the stored row', () => {
    const engine = engineFed([events])
    const k1 = engine.agg.requests.get('K1')!
    const back = decodeRequest(encodeRequest(k1))
    expect(back.events.find((e) => e.kind === Life.Completed)).toEqual({ kind: Life.Completed, at: Date.parse('2026-11-20T15:00:00+08:00'), outcome: 1 })
    expect(decodeRequest(encodeRequest(engine.agg.requests.get('K4')!)).events[0]).toEqual({ kind: Life.Completed, at: Date.parse('2026-11-20T08:30:00+08:00') })
  })
})
