/**
 * Month counters after a start: a region's months are read from the state tables on its first use,
 * not at the start, and the months a later checkpoint writes are still the region's whole history.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { realisticEvents } from '../../bench/realistic-events.ts'
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { DAY_MS } from '../../shared/time-windows.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { BucketKind } from '../store/event-store.ts'
import { Aggregator } from './aggregator.ts'
import { captureRows, loadTables } from './aggregator-rows.ts'
import { memoryTables } from './memory-tables.testkit.ts'
import { decodeBucket } from './state-codec.ts'

const NOW = Date.parse('2026-11-21T10:00:00+08:00')
const SPLIT = NOW - 30 * DAY_MS

let tree: RegionTree
let events: IngestEvent[]
beforeAll(() => {
  tree = loadRegionPack('2103')
  // Three months and more of requests; those created in the last 30 days come after a restart.
  events = realisticEvents(tree, 5000, NOW - 100 * DAY_MS, NOW, 5)
})

/** The region's non-zero months (a month of zeros is written as no row). */
const monthsOf = (agg: Aggregator, index: number) =>
  [...agg.statsOf(index).months].filter(([, b]) => b.some((v) => v !== 0)).map(([m, b]) => [m, [...b]])

describe('month counters after a start', () => {
  it('are read for a region on its first use, and what is written after is the whole history', () => {
    const before = events.filter((e) => Date.parse(e.at) < SPLIT)
    const after = events.filter((e) => Date.parse(e.at) >= SPLIT)
    expect(before.length).toBeGreaterThan(1000)
    expect(after.length).toBeGreaterThan(1000)
    const all = new Aggregator({ tree })
    all.apply(before, NOW)
    all.apply(after, NOW + 60_000)

    const { tables, buckets, write } = memoryTables()
    const first = new Aggregator({ tree })
    first.tables = tables
    loadTables(first, tables, NOW)
    first.apply(before, NOW)
    write(captureRows(first, NOW))
    first.persisted()
    const withMonths = new Set([...buckets.keys()].filter((k) => k.startsWith(`${BucketKind.month}/`)).map((k) => Number(k.split('/')[2])))
    expect(withMonths.size).toBeGreaterThan(100)

    // A start reads no month.
    const second = new Aggregator({ tree })
    second.tables = tables
    loadTables(second, tables, NOW + 60_000)
    expect(second.counters.monthLoads).toBe(0)
    second.apply(after, NOW + 60_000)
    // Only the regions the later events touched were read, each once.
    const loads = second.counters.monthLoads
    expect(loads).toBeGreaterThan(0)
    expect(loads).toBeLessThan(withMonths.size)
    write(captureRows(second, NOW + 60_000))
    second.persisted()

    // Every month row equals the reference's; every region's months, read back, are the reference's.
    let rows = 0
    for (const [k, v] of buckets) {
      const [kind, period, region] = k.split('/').map(Number)
      if (kind !== BucketKind.month) continue
      expect([...decodeBucket(v, BUCKET_FIELDS)], k).toEqual([...all.statsOf(region).months.get(period)!])
      rows++
    }
    expect(rows).toBeGreaterThan(300)
    const third = new Aggregator({ tree })
    third.tables = tables
    loadTables(third, tables, NOW + 120_000)
    for (let i = 0; i < tree.nodes.length; i++) expect(monthsOf(third, i), tree.nodes[i].code).toEqual(monthsOf(all, i))
    expect(third.counters.monthLoads).toBe(tree.nodes.length)
  })
})
