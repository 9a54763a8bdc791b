import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { realisticEvents } from '../../bench/realistic-events.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import type { StateRows } from '../store/event-store.ts'
import { Aggregator } from './aggregator.ts'
import { captureRows } from './aggregator-rows.ts'
import { BLOCK_SHIFT } from './block-rows.ts'
import { NO_TABLES } from '../store/no-tables.ts'

let tree: RegionTree
/** State tables holding nothing: every read misses. */
const none = NO_TABLES
beforeAll(() => {
  tree = loadRegionPack('2103')
})

describe('checkpoint rows', () => {
  it('hands every changed row over at most `max` at a time, duty and patrols included', () => {
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
    let all = 0
    let slices = 0
    for (let slice = rows(50); slice; slice = rows(50)) {
      const n = slice.buckets.length + slice.requests.length + slice.kv.length
      expect(n).toBeGreaterThan(0)
      expect(n).toBeLessThanOrEqual(50)
      kv += slice.kv.length
      all += n
      slices++
    }
    // The grids' duty and last patrols are a row per block of regions each, and the day's patrols one row.
    const blocks = new Set(grids.map((g) => tree.indexOf(g.code) >> BLOCK_SHIFT)).size
    expect(blocks).toBeGreaterThan(2)
    expect(kv).toBeGreaterThanOrEqual(1 + 2 * blocks)
    expect(slices).toBeGreaterThan(all / 50)
  })

  it('gives the counters as they were at the capture, though events and a day rollover change them while the rows are encoded', () => {
    const day = 86_400_000
    const t1 = Date.parse('2026-11-21T10:00:00+08:00')
    const t2 = t1 + 9 * day
    const before = realisticEvents(tree, 3000, t1 - 2 * day, t1, 7)
    const after = realisticEvents(tree, 3000, t1, t2, 8)
    const fed = () => {
      const agg = new Aggregator({ tree })
      agg.tables = none
      agg.counters.track(none)
      agg.apply(before, t1)
      return agg
    }
    const bucketsOf = (rows: (max: number) => StateRows | null, between?: () => void) => {
      const out = new Map<string, string>()
      for (let slice = rows(200), n = 0; slice; slice = rows(200), n++) {
        for (const b of slice.buckets) out.set(`${b.kind}/${b.period}/${b.region}`, b.v ? Buffer.from(b.v).toString('base64') : '-')
        if (n === 1) between?.()
      }
      return out
    }
    const expected = bucketsOf(captureRows(fed(), t1))
    const changing = fed()
    const got = bucketsOf(captureRows(changing, t1), () => {
      changing.apply(after, t2)
      changing.tick(t2)
    })
    expect(expected.size).toBeGreaterThan(400)
    expect(got.size).toBe(expected.size)
    let same = 0
    for (const [k, v] of expected) if (got.get(k) === v) same++
    expect(same).toBe(expected.size)
    // The changes made meanwhile are the next capture's rows.
    expect(changing.counters.unsaved).toBeGreaterThan(0)
  })

  it('gives the requests as they were at the capture, though their events arrive while the rows are encoded', () => {
    const t1 = Date.parse('2026-11-21T10:00:00+08:00')
    const events = realisticEvents(tree, 4000, t1 - 3 * 86_400_000, t1, 9)
    const half = Math.floor(events.length / 2)
    const fed = () => {
      const agg = new Aggregator({ tree })
      agg.tables = none
      agg.apply(events.slice(0, half), t1)
      return agg
    }
    const requestsOf = (rows: (max: number) => StateRows | null, between?: () => void) => {
      const out = new Map<string, string>()
      for (let slice = rows(100), n = 0; slice; slice = rows(100), n++) {
        for (const r of slice.requests) {
          expect(out.has(r.id)).toBe(false)
          out.set(r.id, JSON.stringify([r.hot, r.late, r.completed, r.v]))
        }
        if (n === 1) between?.()
      }
      return out
    }
    const expected = requestsOf(captureRows(fed(), t1))
    const changing = fed()
    const got = requestsOf(captureRows(changing, t1), () => changing.apply(events.slice(half), t1 + 60_000))
    expect(expected.size).toBeGreaterThan(500)
    expect(got).toEqual(expected)
    // The requests changed meanwhile are the next capture's rows.
    expect(changing.rows.unsaved).toBeGreaterThan(0)
  })
})
