/** Benchmark: file-mode generation (simulate + NDJSON) of 1 January → today for 鞍山市, median of several runs. */
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { DAY, dayStart, yearStart } from './calendar.ts'
import { encodeNdjson } from './ndjson.ts'
import { createSimulator } from './simulator.ts'
import { ensureYoungGeneration } from './young-generation.ts'

await ensureYoungGeneration()

const runs = Number(process.env.BENCH_RUNS ?? 5)
const tree = loadRegionPack(process.env.REGION_ROOT ?? '2103')
const now = Date.now()
const from = yearStart(now)

/** One run: every event from 1 January to now, serialised as the file mode writes it (or not, `encode` false). */
function once(encode = true): { events: number; bytes: number; seconds: number; cpu: number } {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const sim = createSimulator({ tree, seed: 8890, from, gridFrom: dayStart(now) - 7 * DAY })
  let events = 0
  let bytes = 0
  for (;;) {
    const batch = sim.take(now, 2000)
    if (!batch.length) break
    events += batch.length
    if (encode) bytes += encodeNdjson(batch).length
  }
  const c = process.cpuUsage(c0)
  return { events, bytes, seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }
}

const results = Array.from({ length: runs }, once)
const rates = results.map((r) => r.events / r.seconds).sort((a, b) => a - b)
const median = rates[Math.floor(rates.length / 2)]
const cpuRates = results.map((x) => x.events / x.cpu).sort((a, b) => a - b)
const r = results[0]
console.log(
  `generate: ${r.events.toLocaleString('en')} events (${(r.bytes / 1e6).toFixed(0)} MB NDJSON) for ${tree.root.name} 1 Jan → today; ` +
    `median ${Math.round(median).toLocaleString('en')} events/s over ${runs} runs (${results.map((x) => x.seconds.toFixed(2) + ' s').join(', ')}); ` +
    `median ${Math.round(cpuRates[Math.floor(cpuRates.length / 2)]).toLocaleString('en')} events per CPU-second (load-independent; GC threads count)`,
)

const plain = Array.from({ length: runs }, () => once(false))
const plainRates = plain.map((x) => x.events / x.seconds).sort((a, b) => a - b)
const plainCpu = plain.map((x) => x.events / x.cpu).sort((a, b) => a - b)
console.log(
  `generate (event objects only, no NDJSON): median ${Math.round(plainRates[Math.floor(runs / 2)]).toLocaleString('en')} events/s; ` +
    `${Math.round(plainCpu[Math.floor(runs / 2)]).toLocaleString('en')} events per CPU-second`,
)
