/**
 * A restart of a kept data folder (`KEEP_DATA=1 npx tsx bench/scale.ts …` prints it), then what the
 * walls and the feed meet right after it: restart to /readyz (median of `runs`), the root snapshot
 * p99 over HTTP (one keep-alive connection, after a warm-up), and the ingest of new requests'
 * events of the last two days (new ids, across every level of the region pack) against
 * JSON.parse of the same bytes in the same run; the first events read from the tables the day and
 * month of each region they change. The folder is copied first, so every run starts from it as kept.
 *
 * Usage: npx tsx bench/restart-ingest.ts DATA_DIR [root=21] [events=120000] [runs=3]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { request, Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSimulator } from '../mock/simulator.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { startChildServer, type ChildServer } from '../server/testing/child-server.ts'
import { DAY_MS } from '../shared/time-windows.ts'
import { fmt, median, quantile } from './stats.ts'

const [kept, root = '21', eventsArg = '120000', runsArg = '3'] = process.argv.slice(2)
if (!kept) throw new Error('usage: bench/restart-ingest.ts DATA_DIR [root] [events] [runs]')
const TOKEN = 'bench-token'
const tree = loadRegionPack(root)
const now = Date.now()
const sim = createSimulator({ tree, seed: 77, from: now - 2 * DAY_MS, gridFrom: now - 2 * DAY_MS, dailyVolume: root.length <= 2 ? 15_000 : undefined, idPrefix: `after${Date.now()}` })
const bodies: string[] = []
for (let n = 0; n < Number(eventsArg); ) {
  const batch = sim.take(now, 2000)
  if (!batch.length) break
  bodies.push(batch.map((e) => JSON.stringify(e)).join('\n'))
  n += batch.length
}
const events = bodies.reduce((n, b) => n + b.split('\n').length, 0)

const dir = mkdtempSync(join(tmpdir(), 'yiwang-restart-'))
cpSync(kept, dir, { recursive: true })
const env = { DATA_DIR: dir, INGEST_TOKEN: TOKEN, REGION_ROOT: root, TICK_MS: '1000' }

/** GET `path` `n` times on one keep-alive connection, after 20 not timed; the times (ms). */
async function times(server: ChildServer, path: string, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const get = () =>
    new Promise<void>((resolve, reject) => {
      request(`${server.url}${path}`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end()
    })
  const out: number[] = []
  for (let i = 0; i < n + 20; i++) {
    const t = performance.now()
    await get()
    if (i >= 20) out.push(performance.now() - t)
  }
  agent.destroy()
  return out
}

const restarts: number[] = []
let server: ChildServer | null = null
for (let i = 0; i < Number(runsArg); i++) {
  await server?.stop('SIGTERM')
  const t = performance.now()
  server = await startChildServer(env, 600_000)
  restarts.push((performance.now() - t) / 1000)
}
const s = server!
await new Promise((r) => setTimeout(r, 3000))
const snap = await times(s, `/api/v1/regions/${tree.root.code}/snapshot`, 250)

let t = performance.now()
for (const b of bodies) for (const line of b.split('\n')) JSON.parse(line)
const parseS = (performance.now() - t) / 1000
t = performance.now()
let next = 0
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < bodies.length) {
      const res = await fetch(`${s.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' }, body: bodies[next++] })
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
      const r = (await res.json()) as { rejected: unknown[] }
      if (r.rejected.length) throw new Error(`rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`)
    }
  }),
)
const ingestS = (performance.now() - t) / 1000
t = performance.now()
await s.stop('SIGTERM')
const stopS = (performance.now() - t) / 1000
rmSync(dir, { recursive: true, force: true })

console.log(`${tree.root.name} (${root}), folder ${kept}:`)
console.log(`restart to /readyz: median ${median(restarts).toFixed(1)} s (${restarts.map((r) => r.toFixed(1)).join(', ')})`)
console.log(`root snapshot over HTTP, 3 s after ready: p50 ${quantile(snap, 0.5).toFixed(2)} ms, p99 ${quantile(snap, 0.99).toFixed(2)} ms, max ${Math.max(...snap).toFixed(2)} ms`)
console.log(`ingest right after the restart: ${fmt(events)} events in ${ingestS.toFixed(1)} s, ${fmt(events / ingestS)} events/s (${(ingestS / parseS).toFixed(1)}× JSON.parse of the same bytes)`)
console.log(`stop ${stopS.toFixed(1)} s`)
