/**
 * Scale benchmark: months of a region's simulated history fed over HTTP into one server process
 * on the embedded store, measured at each size: events, RSS (live, peak, after restart), heap,
 * disk, bytes per event, graceful stop, restart to /readyz, root snapshot p99 (4 s after the feed and
 * once the server is idle), community snapshot p99, the longest event-loop delay while feeding, and
 * ingest at that size against JSON.parse of the same bytes in the same run.
 *
 * Usage: npx tsx bench/scale.ts [root=2103] [months=1,3,6,12] [requests a day]
 * (`21` is all of Liaoning: `npx tsx bench/scale.ts 21 1,3 15000`.)
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSimulator } from '../mock/simulator.ts'
import { DAY_MS } from '../shared/time-windows.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { startChildServer, type ChildServer } from '../server/testing/child-server.ts'
import { fmt } from './stats.ts'

const root = process.argv[2] ?? '2103'
const sizes = (process.argv[3] ?? '1,3,6,12').split(',').map(Number)
const volume = process.argv[4] ? Number(process.argv[4]) : undefined
const TOKEN = 'bench-token'
const BATCH = 2000
const CONCURRENCY = 4
/** Events whose ingest is timed at each size (the last ones before it). */
const TIMED = 100_000

const tree = loadRegionPack(root)
const months = Math.max(...sizes)
const now = Date.now()
const from = now - Math.round(months * 30.44) * DAY_MS
// As `npm start` does: grid workers' shifts and patrols for the last week only.
const gridFrom = Math.max(from, now - 7 * DAY_MS)
const sim = createSimulator({ tree, seed: 8890, from, gridFrom, dailyVolume: volume, idPrefix: `scale${root}` })
const dir = mkdtempSync(join(tmpdir(), 'yiwang-scale-'))
const env = { DATA_DIR: dir, INGEST_TOKEN: TOKEN, REGION_ROOT: root, TICK_MS: '1000' }
const community = [...tree.nodes].find((n) => n.level === 'community')!.code

const status = (pid: number, key: string): number => {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) * 1024 : NaN
}
/** CPU time of a process so far (ms, from /proc at 100 ticks a second). */
const cpuMs = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}
/** Waits until the server is idle (under 5% of a core for a second: checkpoints written), at most 3 min; returns the wait (s). */
async function quiet(pid: number): Promise<number> {
  const t = performance.now()
  for (let prev = cpuMs(pid); performance.now() - t < 180_000; ) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = cpuMs(pid)
    if (now - prev < 50) break
    prev = now
  }
  return (performance.now() - t) / 1000
}
const mb = (b: number) => `${fmt(b / 1e6)} MB`
const p99 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]

async function post(server: ChildServer, bodies: string[]): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]
        for (;;) {
          const res = await fetch(`${server.url}/api/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' },
            body,
          })
          if (res.status === 200) {
            const r = (await res.json()) as { rejected: unknown[] }
            if (r.rejected.length) throw new Error(`rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`)
            break
          }
          if (res.status !== 429 && res.status !== 503) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
          await new Promise((r) => setTimeout(r, 200))
        }
      }
    }),
  )
}

async function snapshotP99(server: ChildServer, code: string, n = 300): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const res = await fetch(`${server.url}/api/v1/regions/${code}/snapshot`)
    await res.arrayBuffer()
    times.push(performance.now() - t)
  }
  return p99(times)
}

/** Heap used, and the longest event-loop delay since the last scrape (prom-client resets it). */
async function scrape(server: ChildServer): Promise<{ heap: number; heapTotal: number; external: number; lagMs: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN)
  return {
    heap: value('yiwang_nodejs_heap_size_used_bytes'),
    heapTotal: value('yiwang_nodejs_heap_size_total_bytes'),
    external: value('yiwang_nodejs_external_memory_bytes'),
    lagMs: value('yiwang_nodejs_eventloop_lag_max_seconds') * 1000,
  }
}

let server = await startChildServer(env, 600_000)
let events = 0
let ndjsonBytes = 0
let prevSize = 0
const rows: string[][] = []
for (const size of sizes) {
  const until = from + Math.round(size * 30.44) * DAY_MS
  // The longest delay is reported since the last scrape: this one leaves the start out of it.
  await scrape(server)
  // Feed up to the size, timing the last TIMED events against JSON.parse of the same bytes.
  let pending: string[] = []
  let timedBodies: string[] = []
  const chunks: string[][] = []
  for (;;) {
    const batch = sim.take(Math.min(until, Date.now()), BATCH)
    if (!batch.length) break
    const body = batch.map((e) => JSON.stringify(e)).join('\n')
    pending.push(body)
    ndjsonBytes += Buffer.byteLength(body) + 1
    events += batch.length
    if (pending.length >= 50) {
      chunks.push(pending)
      pending = []
      if (chunks.length > 1) await post(server, chunks.shift()!)
    }
  }
  if (pending.length) chunks.push(pending)
  // The last chunks (≥ TIMED events) are the timed ones.
  while (chunks.length > 1 && chunks.slice(1).reduce((n, c) => n + c.length * BATCH, 0) >= TIMED) await post(server, chunks.shift()!)
  timedBodies = chunks.flat()
  let timedEvents = 0
  for (const b of timedBodies) timedEvents += b.split('\n').length
  let t = performance.now()
  for (const b of timedBodies) for (const line of b.split('\n')) JSON.parse(line)
  const parseS = (performance.now() - t) / 1000
  t = performance.now()
  await post(server, timedBodies)
  const ingestS = (performance.now() - t) / 1000
  await new Promise((r) => setTimeout(r, 4000)) // a checkpoint or two
  const pid = server.proc.pid!
  const rss = status(pid, 'VmRSS')
  const peak = status(pid, 'VmHWM')
  const { heap, heapTotal, external, lagMs } = await scrape(server)
  const rootP99 = await snapshotP99(server, tree.root.code)
  const commP99 = await snapshotP99(server, community)
  const waitS = await quiet(pid)
  const rootQuietP99 = await snapshotP99(server, tree.root.code)
  const disk = Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0])
  t = performance.now()
  await server.stop('SIGTERM')
  const stopS = (performance.now() - t) / 1000
  t = performance.now()
  server = await startChildServer(env, 600_000)
  const restartS = (performance.now() - t) / 1000
  const rssAfter = status(server.proc.pid!, 'VmRSS')
  rows.push([
    `${size} mo`,
    fmt(events),
    mb(rss),
    mb(peak),
    mb(rssAfter),
    mb(heap),
    mb(disk),
    `${(disk / ndjsonBytes).toFixed(2)}×`,
    fmt(disk / events),
    `${stopS.toFixed(1)} s`,
    `${restartS.toFixed(1)} s`,
    `${rootP99.toFixed(1)} ms`,
    `${rootQuietP99.toFixed(1)} ms`,
    `${commP99.toFixed(1)} ms`,
    fmt(timedEvents / ingestS),
    `${(ingestS / parseS).toFixed(1)}×`,
    `${lagMs.toFixed(0)} ms`,
  ])
  console.log(`${size} months: ${rows[rows.length - 1].join(' | ')} (${fmt(events - prevSize)} events since the last size; idle ${waitS.toFixed(0)} s after the feed; heap total ${mb(heapTotal)}, external ${mb(external)})`)
  prevSize = events
}
await server.stop('SIGTERM')
if (process.env.KEEP_DATA) console.log(`data kept in ${dir}`)
else rmSync(dir, { recursive: true, force: true })
console.log(`\n${tree.root.name} (${root}), ${volume ? `${fmt(volume)} requests a day` : 'default volume'}, one process, embedded store:`)
console.log('| size | events | RSS live | RSS peak | RSS after restart | heap used | disk | disk ÷ NDJSON | bytes/event | stop | restart to /readyz | root snapshot p99 (HTTP, 4 s after the feed) | root snapshot p99 (HTTP, server idle) | community snapshot p99 (HTTP) | ingest events/s | ingest ÷ JSON.parse | longest event-loop delay while feeding |')
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for (const r of rows) console.log(`| ${r.join(' | ')} |`)
