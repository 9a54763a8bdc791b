/** A snapshot read as JSON text (the HTTP route) is the snapshot: its figures serialised once per change, its clock fields as read. */
import { describe, expect, it } from 'vitest'
import { realisticEvents } from '../../bench/realistic-events.ts'
import { DAY_MS, HOUR_MS } from '../../shared/time-windows.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { Engine } from './engine.ts'

const NOW = Date.parse('2026-11-20T11:00:00+08:00')

describe('snapshot as JSON text', () => {
  it('equals the snapshot at every read, across changes of the figures and of the clock', () => {
    const tree = loadRegionPack('2103')
    const clock = { now: NOW }
    const engine = new Engine({ tree, clock: () => clock.now })
    engine.replayed()
    const events = realisticEvents(tree, 400, NOW - 10 * DAY_MS, NOW + HOUR_MS, 3, 'j')
    const regions = [0, ...tree.childIndices(0), tree.size - 1]
    const stringify = JSON.stringify
    let serialised = 0
    JSON.stringify = ((...args: Parameters<typeof stringify>) => (serialised++, stringify(...args))) as typeof stringify
    try {
      for (let i = 0; i < events.length; i += 200) {
        engine.applyCommitted(events.slice(i, i + 200))
        clock.now += 60_000
        engine.tick()
        for (const r of regions) expect(JSON.parse(engine.snapshotJson(r)), `region ${r}`).toEqual(JSON.parse(stringify(engine.snapshot(r))))
      }
      // Read again with no change of the figures: only the clock fields are serialised.
      clock.now += 1000
      const before = serialised
      for (const r of regions) expect(JSON.parse(engine.snapshotJson(r)).asOf).toBe(clock.now)
      expect(serialised - before).toBe(regions.length)
    } finally {
      JSON.stringify = stringify
    }
    expect(JSON.parse(engine.snapshotJson(0)).windows.today.accepted).toBeGreaterThan(0)
  })
})
