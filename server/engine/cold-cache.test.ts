/**
 * Day counters outside the hot window, kept in a cache once read or written: the rows a checkpoint
 * writes are exact however often an old day changes again, whether the cache holds it or pushed it
 * out, and a day changed again is read from the cache, not from the tables.
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
import { captureRows } from './aggregator-rows.ts'
import { memoryTables } from './memory-tables.testkit.ts'
import { decodeBucket } from './state-codec.ts'

const NOW = Date.parse('2026-11-21T10:00:00+08:00')
const DAY_KINDS = [BucketKind.day, BucketKind.communityDay, BucketKind.gridDay]

let tree: RegionTree
/** Events on days 20 to 10 days ago, in five parts: each part changes the same old days again. */
let parts: IngestEvent[][]
beforeAll(() => {
  tree = loadRegionPack('2103')
  const events = realisticEvents(tree, 6000, NOW - 20 * DAY_MS, NOW - 10 * DAY_MS, 11)
  // The creations first, then their lifecycle events in four parts that each span all the days.
  parts = [events.filter((e) => e.type === 'request.created'), ...[0, 1, 2, 3].map((p) => events.filter((e, i) => e.type !== 'request.created' && i % 4 === p))]
})

/** Feeds the parts with a checkpoint after each; returns the day rows the tables hold at the end. */
function feed(coldCacheBuckets: number) {
  const { tables, buckets, write } = memoryTables()
  const agg = new Aggregator({ tree, hotDays: 3, communityHotDays: 2, gridHotDays: 1, coldCacheBuckets })
  agg.tables = tables
  agg.counters.load(tables, dayIndex(NOW))
  /** Day rows written (all the days fed are out of the hot window). */
  const touched = new Set<string>()
  for (const [i, part] of parts.entries()) {
    agg.apply(part, NOW + i * 60_000)
    for (const k of write(captureRows(agg, NOW + i * 60_000))) if (DAY_KINDS.includes(Number(k.split('/')[0]) as 0)) touched.add(k)
    agg.persisted()
    // As the app does after each commit (`Engine.settle`).
    while (agg.counters.cold.settle(1000));
  }
  const days = new Map<string, number[]>()
  for (const [k, v] of buckets) if (DAY_KINDS.includes(Number(k.split('/')[0]) as 0)) days.set(k, [...decodeBucket(v, BUCKET_FIELDS)])
  // A wall reading an old day with no row asks the tables once.
  const quiet = tree.nodes.findIndex((n) => n.level === 'grid')
  const day = dayIndex(NOW) - 40
  const before = agg.counters.cold.reads
  expect([...(agg.statsOf(quiet).dayAt(day) ?? [])].every((v) => v === 0)).toBe(true)
  agg.statsOf(quiet).dayAt(day)
  expect(agg.counters.cold.reads).toBe(before + 1)
  return { days, reads: before, touched: touched.size }
}

describe('cold day counters', () => {
  it('are written exactly by every checkpoint, with the cache holding them or pushing them out, and read once with a cache', () => {
    // Reference: every day held in memory (a day's bucket is its whole history of changes).
    const all = new Aggregator({ tree })
    for (const [i, part] of parts.entries()) all.apply(part, NOW + i * 60_000)
    const cached = feed(131_072)
    const evicting = feed(8)
    expect(cached.days.size).toBeGreaterThan(1000)
    let checked = 0
    for (const [k, v] of cached.days) {
      const [, period, region] = k.split('/').map(Number)
      const expected = [...(all.statsOf(region).dayAt(period) ?? new Float64Array(BUCKET_FIELDS))]
      expect(v, k).toEqual(expected)
      expect(evicting.days.get(k), k).toEqual(expected)
      checked++
    }
    expect(checked).toBe(cached.days.size)
    expect(evicting.days.size).toBe(cached.days.size)
    // With the cache each old day is read from the tables once (a day with no row too); without
    // it, again after each checkpoint.
    expect(cached.reads).toBe(cached.touched)
    expect(cached.reads * 2).toBeLessThan(evicting.reads)
  })
})
