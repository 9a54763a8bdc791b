/** Duty and patrol checkpoint rows: the values at the capture, though the grids change while they are encoded. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import type { StateRows } from '../store/event-store.ts'
import { Aggregator } from './aggregator.ts'
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
    const expected = drain(fed().grid.capture(), 25)
    const changing = fed()
    const got = drain(changing.grid.capture(), 25, (n) => {
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
      if (n === 12) changing.grid.rollover(dayIndex(NOW) + 100)
    })
    const kinds = (prefix: string) => [...expected.keys()].filter((k) => k.startsWith(prefix)).length
    expect([kinds('p:'), kinds('u:'), kinds('lp:')]).toEqual([2, old.length, old.length])
    expect(got).toEqual(expected)
    // What changed meanwhile goes with the next capture.
    const next = drain(changing.grid.capture(), 1000)
    // Yesterday's patrols are gone; today's are those after the day left the history.
    expect(next.get(`p:${dayIndex(NOW) - 1}`)).toBe('-')
    expect(next.get(`p:${dayIndex(NOW)}`)).not.toBe(expected.get(`p:${dayIndex(NOW)}`))
    expect(next.size).toBeGreaterThan(2 * old.length)
  })
})
