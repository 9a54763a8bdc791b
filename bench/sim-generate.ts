/**
 * Benchmark: file-mode generation of 1 January → today for 鞍山市 (simulation + NDJSON, no disk),
 * median of several runs: the file mode as the CLI runs it (shards on worker threads, merged),
 * and, side by side in the same runs, one simulator in this thread with and without NDJSON.
 */
import { Writable } from 'node:stream'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { DAY_MS, startOfDay, yearStartMs } from '../shared/time-windows.ts'
import { SHARDS, writeNdjsonSharded } from '../mock/file-mode.ts'
import { encodeNdjson } from '../mock/ndjson.ts'
import { createSimulator } from '../mock/simulator.ts'
import { ensureYoungGeneration } from '../mock/young-generation.ts'

await ensureYoungGeneration()

const runs = Number(process.env.BENCH_RUNS ?? 5)
const root = process.env.REGION_ROOT ?? '2103'
const tree = loadRegionPack(root)
const now = Date.now()
const from = yearStartMs(now)
const gridFrom = startOfDay(now) - 7 * DAY_MS

interface Run {
  events: number
  bytes: number
  seconds: number
  /** CPU seconds of the whole process (all threads, GC included). */
  cpu: number
}

async function timed(body: () => Promise<{ events: number; bytes: number }>): Promise<Run> {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const r = await body()
  const c = process.cpuUsage(c0)
  return { ...r, seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }
}

/** The file mode, into a sink that only counts bytes. */
const sharded = () =>
  timed(async () => {
    let bytes = 0
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length
        done()
      },
    })
    const events = await writeNdjsonSharded({ root, seed: 8890, from, to: now, gridFrom }, sink)
    return { events, bytes }
  })

/** One simulator in this thread, serialised (or not, `encode` false). */
const single = (encode: boolean) =>
  timed(async () => {
    const sim = createSimulator({ tree, seed: 8890, from, gridFrom })
    let events = 0
    let bytes = 0
    for (;;) {
      const batch = sim.take(now, 2000)
      if (!batch.length) break
      events += batch.length
      if (encode) bytes += encodeNdjson(batch).length
    }
    return { events, bytes }
  })

const results: Record<'file' | 'single' | 'objects', Run[]> = { file: [], single: [], objects: [] }
for (let i = 0; i < runs; i++) {
  results.file.push(await sharded())
  results.single.push(await single(true))
  results.objects.push(await single(false))
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (x: number): string => Math.round(x).toLocaleString('en')
const line = (rs: Run[]): string =>
  `median ${fmt(median(rs.map((r) => r.events / r.seconds)))} events/s (${rs.map((r) => r.seconds.toFixed(2) + ' s').join(', ')}); ` +
  `${fmt(median(rs.map((r) => r.events / r.cpu)))} events per CPU-second`
const f = results.file[0]
console.log(`generate: ${fmt(f.events)} events (${(f.bytes / 1e6).toFixed(0)} MB NDJSON) for ${tree.root.name} 1 Jan → today, ${runs} runs`)
console.log(`  file mode (${SHARDS} shards on worker threads, merged): ${line(results.file)}`)
console.log(`  one thread, simulation + NDJSON: ${line(results.single)}`)
console.log(`  one thread, event objects only: ${line(results.objects)}`)
