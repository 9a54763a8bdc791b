/**
 * Where the push's heap per wall goes beyond a bare Socket.IO server's: the snapshots of the
 * regions walls watch. Builds the engine of the fan-out benchmark (鞍山市, a month of history),
 * then for the regions of N walls (bench/fanout/regions.ts) measures the heap after a full GC of:
 * `engine` the engine's own snapshot cache (engine.snapshot per region), `feeds` the push's room
 * feeds on top of it (the snapshot each region's walls hold, the diff base of its deltas), and
 * `json` the same snapshots kept as JSON strings besides the cache (a string diff base).
 *
 *   node --expose-gc --import tsx bench/push-heap.ts [N=10000]
 */
import { wallRegions } from './fanout/regions.ts'
import { realisticEvents } from './realistic-events.ts'
import { Engine } from '../server/engine/engine.ts'
import { createRoomFeeds } from '../server/push/room-feeds.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc --import tsx bench/push-heap.ts')
const n = Number(process.argv[2] ?? 10_000)
const tree = loadRegionPack('2103')
const codes = [...new Set(wallRegions(tree, n))]
const heapMb = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1e6
}

function measure(kind: 'engine' | 'feeds' | 'json'): number {
  const engine = new Engine({ tree, clock: () => Date.now() })
  engine.replayed()
  const events = realisticEvents(tree, 20_000, Date.now() - 30 * 86_400_000, Date.now() - 60_000, 7, 'h')
  for (let i = 0; i < events.length; i += 2000) engine.applyCommitted(events.slice(i, i + 2000))
  engine.tick()
  const before = heapMb()
  const kept: string[] = []
  const feeds = createRoomFeeds(engine)
  for (const code of codes) {
    const index = tree.indexOf(code)
    if (kind === 'feeds') feeds.subscription(code, index, 0)
    else if (kind === 'json') kept.push(JSON.stringify(engine.snapshot(index)))
    else engine.snapshot(index)
  }
  const mb = heapMb() - before
  // Read after the measure, so neither the strings nor the feeds (and engine) are collected before it.
  if (kept.length + feeds.size < 0) throw new Error('unreachable')
  return mb
}

console.log(`${codes.length} regions watched by ${n} walls; heap after a full GC, MB (and KB per wall):`)
for (const kind of ['engine', 'feeds', 'json'] as const) {
  const mb = measure(kind)
  console.log(`  ${kind.padEnd(6)} ${mb.toFixed(1)} MB (${((mb * 1e6) / n / 1024).toFixed(2)} KB per wall)`)
}
