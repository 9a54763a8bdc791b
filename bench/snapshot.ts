/**
 * Snapshot read benchmark for the root of all of Liaoning (REGION_ROOT=21): a year of
 * realistic requests applied to the engine, then the root snapshot rebuilt from the counters
 * (cache bypassed) and read over HTTP while events keep arriving.
 * Usage: npx tsx bench/snapshot.ts [requests=300000] [reads=2000]
 */
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { Engine } from '../server/engine/engine.ts'
import { buildSnapshot } from '../server/engine/snapshot.ts'
import { realisticEvents } from './realistic-events.ts'
import { fmt, quantile } from './stats.ts'
import { yearStartMs } from '../shared/time-windows.ts'

const requests = Number(process.argv[2] ?? 300_000)
const reads = Number(process.argv[3] ?? 2000)
const tree = loadRegionPack('21')
const now = Date.now()
const yearStart = yearStartMs(now)
const engine = new Engine({ tree, clock: () => now })
let events = realisticEvents(tree, requests, yearStart, now, 3)
const t0 = performance.now()
for (let i = 0; i < events.length; i += 1000) engine.applyCommitted(events.slice(i, i + 1000))
const applySeconds = (performance.now() - t0) / 1000
console.log(`Liaoning pack: ${fmt(tree.size)} regions; applied ${fmt(events.length)} events (${fmt(requests)} requests since 1 Jan) in ${applySeconds.toFixed(1)} s`)
events = []

const uncached: number[] = []
for (let i = 0; i < reads; i++) {
  const a = performance.now()
  buildSnapshot(engine.agg, 0, now, engine.agg.today, engine.loop)
  uncached.push(performance.now() - a)
}
console.log(`root snapshot rebuilt (no cache): p50 ${quantile(uncached, 0.5).toFixed(3)} ms, p99 ${quantile(uncached, 0.99).toFixed(3)} ms over ${reads} reads`)

// Interleaved with ingest: every read follows a new event, so the cache never helps.
const live = realisticEvents(tree, reads, now - 3_600_000, now, 99, 'live')
const withIngest: number[] = []
for (let i = 0; i < reads; i++) {
  engine.applyCommitted([live[i]])
  const a = performance.now()
  engine.snapshot(0)
  withIngest.push(performance.now() - a)
}
console.log(`root snapshot after each new event: p50 ${quantile(withIngest, 0.5).toFixed(3)} ms, p99 ${quantile(withIngest, 0.99).toFixed(3)} ms`)
