/** Duty and patrol checkpoint rows: the values at the capture, though the grids change while they are encoded. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import type { StateRows } from '../store/event-store.ts'
import { Aggregator } from './aggregator.ts'
import { loadTables } from './aggregator-rows.ts'
import { BLOCK_SHIFT } from './block-rows.ts'
import { memoryTables } from './memory-tables.testkit.ts'
import { NO_TABLES } from '../store/no-tables.ts'

let tree: RegionTree
/** State tables holding nothing: every read misses. */
const none = NO_TABLES
const NOW = Date.parse('2026-11-21T10:00:00+08:00')
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
beforeAll(() => {
  tree = loadRegionPack('2103')
})

/** A capture's rows, `room` at a time, with `between(n)` run before slice `n`. */
function drain(source: ReturnType<Aggregator['grid']['capture']>, room: number, between: (n: number) => void = () => {}): Map<string, string> {
  const out: StateRows['kv'] = []
  for (let n = 0; ; n++) {
    between(n)
    if (source.fill(out, room) === 0) break
  }
  const rows = new Map(out.map((r) => [r.k, r.v ? Buffer.from(r.v).toString('base64') : '-']))
  expect(rows.size).toBe(out.length)
  return rows
}

describe('duty and patrol rows', () => {
  it('are the values at the capture, though duty, patrols and the day change while the rows are encoded', () => {
    const grids = tree.nodes.filter((n) => n.level === 'grid').map((n) => n.code)
    const old = grids.slice(0, 200)
    // On duty yesterday and today, patrols on both days.
    const fed = () => {
      const agg = new Aggregator({ tree })
      agg.tables = none
      agg.apply(
        old.flatMap((grid, i) => [
          { id: `on-${i}`, type: 'grid.duty_on', at: iso(NOW - 3 * 3_600_000), grid, worker: `w${i}` },
          { id: `py-${i}`, type: 'grid.patrol', at: iso(NOW - DAY), grid, worker: `w${i}` },
          { id: `pt-${i}`, type: 'grid.patrol', at: iso(NOW - 2 * 3_600_000), grid, worker: `w${i}` },
        ]) as IngestEvent[],
        NOW,
      )
      return agg
    }
    const expected = drain(fed().grid.capture(), 1)
    const changing = fed()
    let rolledOver = false
    const got = drain(changing.grid.capture(), 1, (n) => {
      const at = NOW - 3_600_000 + n * 1000
      // Every worker goes off duty and patrols again; new grids are patrolled today.
      changing.apply(
        [
          ...old.flatMap((grid, i) => [
            { id: `off-${n}-${i}`, type: 'grid.duty_off', at: iso(at), grid, worker: `w${i}` },
            { id: `pl-${n}-${i}`, type: 'grid.patrol', at: iso(at), grid, worker: `w${i}` },
          ]),
          { id: `pn-${n}`, type: 'grid.patrol', at: iso(at), grid: grids[200 + n], worker: 'new' },
        ] as IngestEvent[],
        NOW,
      )
      // Later on, the patrol days leave the grids' daily history.
      if (n === 3) {
        changing.grid.rollover(dayIndex(NOW) + 100)
        rolledOver = true
      }
    })
    expect(rolledOver).toBe(true)
    const kinds = (prefix: string) => [...expected.keys()].filter((k) => k.startsWith(prefix)).length
    // A row per block of regions: the grids' blocks for duty, the blocks of their chains for patrols.
    const agg = fed()
    const blocks = (indices: number[]) => new Set(indices.map((i) => i >> BLOCK_SHIFT)).size
    const dutyBlocks = blocks(old.map((g) => tree.indexOf(g)))
    const patrolBlocks = blocks(old.flatMap((g) => [...agg.chain(tree.indexOf(g))]))
    expect(dutyBlocks).toBeGreaterThan(1)
    expect([kinds('p:'), kinds('ub:'), kinds('lpb:')]).toEqual([2, dutyBlocks, patrolBlocks])
    expect(got).toEqual(expected)
    // What changed meanwhile goes with the next capture.
    const next = drain(changing.grid.capture(), 1000)
    // Yesterday's patrols are gone; today's are those after the day left the history.
    expect(next.get(`p:${dayIndex(NOW) - 1}`)).toBe('-')
    expect(next.get(`p:${dayIndex(NOW)}`)).not.toBe(expected.get(`p:${dayIndex(NOW)}`))
    expect(next.size).toBeGreaterThanOrEqual(2 + dutyBlocks + patrolBlocks)
    for (const [k, v] of next) if (k.startsWith('ub:') || k.startsWith('lpb:')) expect(v).not.toBe(expected.get(k))
  })
})

describe('duty and patrols after a start', () => {
  const grids = () => tree.nodes.filter((n) => n.level === 'grid').map((n) => n.code)
  /** Workers on and off duty in 700 grids, two in some, patrols at different times. */
  const fed = () => {
    const agg = new Aggregator({ tree })
    agg.tables = none
    agg.grid.track()
    const events = grids()
      .slice(0, 700)
      .flatMap((grid, i) => [
        { id: `on-${i}`, type: 'grid.duty_on', at: iso(NOW - 3 * 3_600_000), grid, worker: `w${i}` },
        ...(i % 3 === 0 ? [{ id: `off-${i}`, type: 'grid.duty_off', at: iso(NOW - 3_600_000), grid, worker: `w${i}` }] : []),
        ...(i % 5 === 0 ? [{ id: `on2-${i}`, type: 'grid.duty_on', at: iso(NOW - 2 * 3_600_000), grid, worker: `v${i}` }] : []),
        { id: `pa-${i}`, type: 'grid.patrol', at: iso(NOW - (i % 50) * 60_000), grid, worker: `w${i}` },
      ]) as IngestEvent[]
    agg.apply(events, NOW)
    return agg
  }
  const figures = (agg: Aggregator) => tree.nodes.map((_, i) => [agg.statsOf(i).onDuty, agg.grid.lastPatrol.of(i)])
  /** A capture as a checkpoint's slices. */
  const slices = (source: ReturnType<Aggregator['grid']['capture']>) => (max: number) => {
    const kv: StateRows['kv'] = []
    return source.fill(kv, max) ? { buckets: [], requests: [], kv } : null
  }
  const restarted = (tables: ReturnType<typeof memoryTables>['tables']) => {
    const agg = new Aggregator({ tree })
    agg.tables = tables
    loadTables(agg, tables, NOW)
    return agg
  }

  it('are the figures before it, read from a row per block', () => {
    const agg = fed()
    const store = memoryTables()
    store.write(slices(agg.grid.capture()))
    const back = restarted(store.tables)
    expect(figures(back).filter(([duty]) => duty).length).toBeGreaterThan(500)
    expect(figures(back)).toEqual(figures(agg))
    expect(back.grid.unsaved).toBe(0)
  })

  it('are read from rows of the older layout (a row per worker and per grid), which the next checkpoint replaces by blocks', () => {
    const agg = fed()
    const store = memoryTables()
    // The older layout: `u:<grid>|<worker>` (time, then 1 when on duty) and `lp:<grid index>` (time).
    const legacy: StateRows['kv'] = []
    for (const [i, grid] of grids().slice(0, 700).entries()) {
      for (const [worker, on, at] of [[`w${i}`, i % 3 !== 0, i % 3 === 0 ? NOW - 3_600_000 : NOW - 3 * 3_600_000], ...(i % 5 === 0 ? [[`v${i}`, true, NOW - 2 * 3_600_000]] : [])] as [string, boolean, number][]) {
        const v = new Uint8Array(9)
        new DataView(v.buffer).setFloat64(0, at, true)
        v[8] = on ? 1 : 0
        legacy.push({ k: `u:${grid}|${worker}`, v })
      }
      legacy.push({ k: `lp:${tree.indexOf(grid)}`, v: new Uint8Array(Float64Array.of(NOW - (i % 50) * 60_000).buffer) })
    }
    store.write((max) => (legacy.length ? { buckets: [], requests: [], kv: legacy.splice(0, max) } : null))
    const back = restarted(store.tables)
    expect(figures(back)).toEqual(figures(agg))
    expect(back.grid.unsaved).toBeGreaterThan(0)
    store.write(slices(back.grid.capture()))
    expect([...store.tables.kv('u:'), ...store.tables.kv('lp:')]).toEqual([])
    expect(figures(restarted(store.tables))).toEqual(figures(agg))
  })
})
