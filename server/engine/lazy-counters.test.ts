/**
 * Counters after a start: a region's recent days and months are read from the state tables on its
 * first use, not at the start, each bucket when first asked for, and what a later checkpoint writes is
 * still the region's whole history.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { realisticEvents } from '../../bench/realistic-events.ts'
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex, DAY_MS } from '../../shared/time-windows.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { BucketKind } from '../store/event-store.ts'
import { Aggregator } from './aggregator.ts'
import { captureRows, loadTables } from './aggregator-rows.ts'
import { memoryTables } from './memory-tables.testkit.ts'
import { decodeBucket } from './state-codec.ts'

const NOW = Date.parse('2026-11-21T10:00:00+08:00')
const SPLIT = NOW - 10 * DAY_MS
/** Held days long enough at every level that days held at the start are changed after it. */
const HOT = { hotDays: 35, communityHotDays: 20, gridHotDays: 15 }
const COUNTER_KINDS: number[] = [BucketKind.day, BucketKind.communityDay, BucketKind.gridDay, BucketKind.month]

let tree: RegionTree
let events: IngestEvent[]
beforeAll(() => {
  tree = loadRegionPack('2103')
  // Three months and more of requests; the events of the last 10 days come after a restart.
  events = realisticEvents(tree, 5000, NOW - 100 * DAY_MS, NOW, 5)
})

const nonZero = (b: Float64Array | undefined) => (b?.some((v) => v !== 0) ? [...b] : null)
/** The region's non-zero months, and its non-zero days of the last 100 (a bucket of zeros is written as no row). */
function countersOf(agg: Aggregator, index: number) {
  const s = agg.statsOf(index)
  const months = [...s.months].filter(([, b]) => nonZero(b)).map(([m, b]) => [m, [...b]])
  const days: [number, number[]][] = []
  for (let d = dayIndex(NOW) - 100; d <= dayIndex(NOW); d++) {
    const b = nonZero(s.dayAt(d))
    if (b) days.push([d, b])
  }
  return { months, days }
}

describe('counters after a start', () => {
  it('are read for a region on its first use, and what is written after is the whole history', () => {
    const before = events.filter((e) => Date.parse(e.at) < SPLIT)
    const after = events.filter((e) => Date.parse(e.at) >= SPLIT)
    expect(before.length).toBeGreaterThan(1000)
    expect(after.length).toBeGreaterThan(1000)
    const all = new Aggregator({ tree })
    all.apply(before, NOW)
    all.apply(after, NOW + 60_000)

    const { tables, buckets, write } = memoryTables()
    const first = new Aggregator({ tree, ...HOT })
    first.tables = tables
    loadTables(first, tables, NOW)
    first.apply(before, NOW)
    write(captureRows(first, NOW))
    first.persisted()
    const stored = new Set([...buckets.keys()].filter((k) => k.startsWith(`${BucketKind.month}/`)).map((k) => Number(k.split('/')[2])))
    expect(stored.size).toBeGreaterThan(100)

    // A start reads no region's counters.
    const second = new Aggregator({ tree, ...HOT })
    second.tables = tables
    loadTables(second, tables, NOW + 60_000)
    expect(second.counters.loads).toBe(0)
    let reads = 0
    const bucket = tables.bucket
    second.tables = { ...tables, bucket: (kind, period, region) => (reads++, bucket(kind, period, region)) }
    second.counters.track(second.tables)
    second.apply(after, NOW + 60_000)
    // Only the regions the later events touched were read, each once, and of each only the days
    // and months the events changed (a region holds 15 to 35 days here and four months).
    const loads = second.counters.loads
    expect(loads).toBeGreaterThan(0)
    expect(loads).toBeLessThan(stored.size)
    expect(reads / loads).toBeLessThan(6)
    write(captureRows(second, NOW + 60_000))
    second.persisted()

    // Every counter row equals the reference's bucket; every region's counters, read back, are the reference's.
    const rows = new Map<number, number>()
    for (const [k, v] of buckets) {
      const [kind, period, region] = k.split('/').map(Number)
      if (!COUNTER_KINDS.includes(kind)) continue
      const s = all.statsOf(region)
      expect([...decodeBucket(v, BUCKET_FIELDS)], k).toEqual([...(kind === BucketKind.month ? s.months.get(period)! : s.dayAt(period)!)])
      rows.set(kind, (rows.get(kind) ?? 0) + 1)
    }
    // (These events are created in communities: no grid has counters of its own.)
    for (const kind of [BucketKind.day, BucketKind.communityDay, BucketKind.month]) expect(rows.get(kind), `rows of kind ${kind}`).toBeGreaterThan(300)
    const third = new Aggregator({ tree, ...HOT })
    third.tables = tables
    loadTables(third, tables, NOW + 120_000)
    for (let i = 0; i < tree.nodes.length; i++) expect(countersOf(third, i), tree.nodes[i].code).toEqual(countersOf(all, i))
    expect(third.counters.loads).toBe(tree.nodes.length)

    // A day's rollover reads no region either (a region read later holds that day's recent days).
    const fourth = new Aggregator({ tree, ...HOT })
    fourth.tables = tables
    loadTables(fourth, tables, NOW + 120_000)
    fourth.counters.rollover(dayIndex(NOW) + 1, tree)
    expect(fourth.counters.loads).toBe(0)
  })
})
