/**
 * The engine alone: CPU time of `Engine.applyCommitted` over realistic events (batches of 1,000,
 * a checkpoint's rows taken every 20 batches), against `JSON.parse` of the same bytes, median of
 * several runs. State tables are empty stand-ins (no disk). To compare two trees, run it in each.
 * Usage: npx tsx bench/engine-cpu.ts [runs=5]
 */
import { Engine } from '../server/engine/engine.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import type { IngestEvent } from '../shared/events.ts'
import { DAY_MS } from '../shared/time-windows.ts'
import { realisticEvents } from './realistic-events.ts'
import { median } from './stats.ts'
import { NO_TABLES } from '../server/store/no-tables.ts'

const runs = Number(process.argv[2] ?? 5)
const tree = loadRegionPack('2103')
const now = Date.now()
const events = realisticEvents(tree, 50_000, now - 30 * DAY_MS, now, 1, 'cpu-')
const bodies: string[] = []
for (let i = 0; i < events.length; i += 1000) bodies.push(JSON.stringify(events.slice(i, i + 1000)))
const engineMs: number[] = []
const parseMs: number[] = []
for (let run = 0; run < runs; run++) {
  const t0 = performance.now()
  for (const b of bodies) JSON.parse(b)
  parseMs.push(performance.now() - t0)
  const engine = new Engine({ tree, clock: () => now })
  engine.useTables(NO_TABLES)
  engine.replayed()
  let cpu = 0
  bodies.forEach((body, n) => {
    // Parsed outside the measure, a batch at a time, as the server hands the engine a batch it parsed.
    const batch = JSON.parse(body) as IngestEvent[]
    const c0 = process.cpuUsage()
    engine.applyCommitted(batch)
    if ((n + 1) % 20 === 0) {
      const { rows } = engine.checkpointState()
      while (rows(500));
      engine.checkpointSaved()
    }
    const c = process.cpuUsage(c0)
    cpu += (c.user + c.system) / 1000
  })
  engineMs.push(cpu)
}
const us = (ms: number) => ((ms * 1000) / events.length).toFixed(2)
console.log(`engine: ${events.length.toLocaleString('en')} events; CPU median ${us(median(engineMs))} µs/event (runs ${engineMs.map(us).join(' / ')}); JSON.parse ${us(median(parseMs))} µs/event; ratio ${(median(engineMs) / median(parseMs)).toFixed(1)}×`)
