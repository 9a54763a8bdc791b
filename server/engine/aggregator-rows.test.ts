import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { Aggregator } from './aggregator.ts'
import { captureRows } from './aggregator-rows.ts'

let tree: RegionTree
beforeAll(() => {
  tree = loadRegionPack('2103')
})

describe('checkpoint rows', () => {
  it('hands every changed row over at most `max` at a time, duty and patrols included', () => {
    const none = { buckets: () => [], bucket: () => undefined, hotRequests: () => [], request: () => undefined, lateCompletedAfter: () => [], kv: () => [] }
    const agg = new Aggregator({ tree })
    agg.tables = none
    const grids = tree.nodes.filter((n) => n.level === 'grid').slice(0, 300)
    const now = Date.parse('2026-11-21T10:00:00+08:00')
    agg.apply(
      grids.flatMap((g, i) => [
        { id: `on-${i}`, type: 'grid.duty_on', at: new Date(now - 3_600_000).toISOString(), grid: g.code, worker: `w${i}` },
        { id: `pa-${i}`, type: 'grid.patrol', at: new Date(now - 1_800_000).toISOString(), grid: g.code, worker: `w${i}` },
      ]) as IngestEvent[],
      now,
    )
    const rows = captureRows(agg, now)
    let kv = 0
    let slices = 0
    for (let slice = rows(50); slice; slice = rows(50)) {
      const n = slice.buckets.length + slice.requests.length + slice.kv.length
      expect(n).toBeGreaterThan(0)
      expect(n).toBeLessThanOrEqual(50)
      kv += slice.kv.length
      slices++
    }
    // Every grid's duty and its day's patrols are rows: far more than one slice holds.
    expect(kv).toBeGreaterThanOrEqual(grids.length)
    expect(slices).toBeGreaterThan(kv / 50)
  })
})
