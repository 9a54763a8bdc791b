/**
 * Fan-out benchmark (`npm run bench fanout`, or `npx tsx bench/fanout.ts 2000 10000`): for each N,
 * N walls in separate load processes over a realistic mix of regions (1 % city, 9 % districts,
 * 30 % streets, 60 % communities of 鞍山市), a feeder posting RATE new requests a second, first
 * against the server (embedded store, a month of history loaded) and then, in the same run,
 * against a bare Socket.IO server with the same rooms, subscribe/ack and frame rate sending frames
 * of the sizes the server sent. Lag is from the feeder's ingest ack to a wall receiving the frame
 * with that request on its ticker. `restart N` instead measures a restart: SIGTERM with N walls
 * connected, a new process on the same port and data, time until every wall has resubscribed.
 *
 * Environment: TICK_MS (1000), RATE (20 events/s), SECONDS (15, measured), LOADERS (2 processes).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../server/testing/child-server.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { feedEvent, levelOf, wallRegions } from './fanout/regions.ts'
import type { WallsCommand, WallsReport } from './fanout/walls.ts'
import { realisticEvents } from './realistic-events.ts'
import { fmt, quantile } from './stats.ts'

const TICK_MS = Number(process.env.TICK_MS ?? 1000)
const RATE = Number(process.env.RATE ?? 20)
const SECONDS = Number(process.env.SECONDS ?? 15)
const LOADERS = Number(process.env.LOADERS ?? 2)
const TOKEN = 'bench-ingest'
const tree = loadRegionPack('2103')
const communities = tree.nodes.filter((n) => n.level === 'community').map((n) => n.code)
const now = () => performance.timeOrigin + performance.now()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Target {
  url: string
  proc: ChildProcess
  /** Server-side figures: heap (bytes), CPU (ms), event-loop delay p99/max (ms), tick work p50/p99 (ms), longest tick slice (ms). */
  stats(): Promise<{ heap: number; cpuMs: number; eldP99: number; eldMax: number; tickP50?: number; tickP99?: number; tickCpuP50?: number; tickCpuP99?: number; sliceMax?: number; sliceMaxCpu?: number }>
  stop(signal?: NodeJS.Signals): Promise<void>
}

const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null ? r() : p.once('exit', () => r())))

async function waitReady(url: string, proc: ChildProcess, out: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited:\n${out()}`)
    try {
      if ((await fetch(`${url}/readyz`)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(50)
  }
  throw new Error(`server not ready:\n${out()}`)
}

const metric = (text: string, name: string): number => {
  const m = new RegExp(`^${name.replace(/[{}"]/g, (c) => '\\' + c)} (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

async function startYiwang(dataDir: string, port?: number): Promise<Target> {
  port ??= await freePort()
  const proc = spawn(process.execPath, ['--max-semi-space-size=64', '--expose-gc', '--import', 'tsx', '--import', './bench/fanout/gc-hook.js', 'server/server.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, INGEST_TOKEN: TOKEN, TICK_MS: String(TICK_MS), REGION_ROOT: '2103', LOG_LEVEL: 'warn', MAX_SOCKETS_PER_IP: '1000000' },
    stdio: ['ignore', 'pipe', process.env.SERVER_STDERR ? 'inherit' : 'pipe', 'ipc'],
  })
  let out = ''
  proc.stdout!.on('data', (d) => (out += d))
  proc.stderr?.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}`
  await waitReady(url, proc, () => out)
  return {
    url,
    proc,
    async stats() {
      const t = await (await fetch(`${url}/metrics`)).text()
      const ms = (name: string) => metric(t, name) * 1000
      return {
        heap: metric(t, 'yiwang_nodejs_heap_size_used_bytes'),
        cpuMs: ms('yiwang_process_cpu_seconds_total'),
        eldP99: ms('yiwang_nodejs_eventloop_lag_p99_seconds'),
        eldMax: ms('yiwang_nodejs_eventloop_lag_max_seconds'),
        tickP50: ms('yiwang_tick_work_seconds{quantile="0.5"}'),
        tickP99: ms('yiwang_tick_work_seconds{quantile="0.99"}'),
        tickCpuP50: ms('yiwang_tick_work_cpu_seconds{quantile="0.5"}'),
        tickCpuP99: ms('yiwang_tick_work_cpu_seconds{quantile="0.99"}'),
        sliceMax: ms('yiwang_tick_slice_max_seconds'),
        sliceMaxCpu: ms('yiwang_tick_slice_max_cpu_seconds'),
      }
    },
    async stop(signal = 'SIGTERM') {
      proc.kill(signal)
      await exited(proc)
    },
  }
}

async function startBare(sizes: object, port?: number): Promise<Target> {
  port ??= await freePort()
  const proc = spawn(process.execPath, ['--max-semi-space-size=64', '--expose-gc', '--import', 'tsx', '--import', './bench/fanout/gc-hook.js', 'bench/fanout/bare-server.ts'], {
    env: { ...process.env, PORT: String(port), TICK_MS: String(TICK_MS), SIZES: JSON.stringify(sizes) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve) => proc.stdout!.on('data', (d: Buffer) => String(d).startsWith('ready') && resolve()))
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    proc,
    async stats() {
      const s = await (await fetch(`${url}/stats`)).json()
      return { heap: s.heapUsed, cpuMs: s.cpuMs, eldP99: s.eldP99Ms, eldMax: s.eldMaxMs }
    },
    async stop(signal = 'SIGTERM') {
      proc.kill(signal)
      await exited(proc)
    },
  }
}

/** The target's heap after a full GC (run by the preloaded gc-hook.js). */
function settledHeap(t: Target): Promise<number> {
  const reply = new Promise<number>((r) => t.proc.once('message', (m: { heap: number }) => r(m.heap)))
  t.proc.send('gc')
  return reply
}

/** The load processes, each holding a share of the walls. */
async function startLoaders(): Promise<{ send(m: WallsCommand | ((i: number) => WallsCommand)): Promise<unknown[]>; close(): Promise<void> }> {
  const procs = Array.from({ length: LOADERS }, () =>
    spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'bench/fanout/walls.ts'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  )
  const next = (p: ChildProcess) => new Promise<unknown>((r) => p.once('message', r))
  await Promise.all(procs.map(next))
  return {
    async send(m) {
      const replies = procs.map(next)
      procs.forEach((p, i) => p.send(typeof m === 'function' ? m(i) : m))
      return Promise.all(replies)
    },
    async close() {
      procs.forEach((p) => p.send({ cmd: 'close' }))
      await Promise.all(procs.map(exited))
    },
  }
}

/** Posts RATE single-event batches a second for SECONDS: ack time per request and ack latencies. */
async function feed(url: string, run: string): Promise<{ ackAt: Map<string, number>; latencies: number[]; posted: number; seconds: number }> {
  const ackAt = new Map<string, number>()
  const latencies: number[] = []
  const started = now()
  const total = Math.round(RATE * SECONDS)
  const inflight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE
    const wait = due - now()
    if (wait > 0) await sleep(wait)
    const e = feedEvent(run, i, communities, Date.now())
    const requestId = e.type === 'request.created' ? e.requestId : ''
    const t0 = now()
    inflight.push(
      fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify([e]) }).then(async (res) => {
        await res.arrayBuffer()
        const t = now()
        if (res.ok) ackAt.set(requestId, t)
        latencies.push(t - t0)
      }),
    )
  }
  await Promise.all(inflight)
  return { ackAt, latencies, posted: total, seconds: (now() - started) / 1000 }
}

/** A month of history, so snapshots are the size of a working city's. */
async function preload(url: string): Promise<void> {
  const events = realisticEvents(tree, 20_000, Date.now() - 30 * 86_400_000, Date.now() - 60_000, 7, 'h')
  for (let i = 0; i < events.length; i += 2000) {
    const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(events.slice(i, i + 2000)) })
    if (!res.ok) throw new Error(`preload: ${res.status}`)
  }
}

interface Result {
  lag: number[]
  spread: number[]
  connected: number
  ack: number[]
  postedPerSec: number
  bytesPerClientTick: number
  bytesPerClientSec: number
  framesPerClientSec: number
  gaps: number
  missing: number
  server: Awaited<ReturnType<Target['stats']>>
  cpuPct: number
  heapPerClient: number
  loadCpuPct: number
  sizes: { frame: Record<string, number> }
}

async function measure(kind: 'yiwang' | 'bare', n: number, sizes: { ack: Record<string, number>; frame: Record<string, number> } | null): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-fanout-'))
  const target = kind === 'yiwang' ? await startYiwang(dir) : await startBare(sizes!)
  try {
    if (kind === 'yiwang') {
      await preload(target.url)
      await sleep(TICK_MS + 200)
    }
    const heapBefore = await settledHeap(target)
    const regions = wallRegions(tree, n)
    const loaders = await startLoaders()
    const opened = (await loaders.send((i) => ({ cmd: 'open', url: target.url, regions: regions.filter((_, k) => k % LOADERS === i), concurrency: 100, reconnect: false }))) as { ok: number }[]
    await sleep(2 * TICK_MS + 1000)
    const before = await target.stats()
    await loaders.send({ cmd: 'measure' })
    const run = `${kind}${n}-${Date.now()}`
    const fed = await feed(target.url, run)
    await sleep(2 * TICK_MS + 500)
    const reports = (await loaders.send({ cmd: 'report' })) as WallsReport[]
    const after = await target.stats()
    const heapWith = await settledHeap(target)
    await loaders.close()
    const elapsedS = fed.seconds + (2 * TICK_MS + 500) / 1000
    const lag: number[] = []
    const spread: number[] = []
    const merged = new Map<string, number[]>()
    for (const r of reports) for (const [id, ts] of Object.entries(r.arrivals)) merged.set(id, (merged.get(id) ?? []).concat(ts))
    let missing = 0
    for (const [id, t] of fed.ackAt) {
      const ts = merged.get(id)
      if (!ts) {
        missing++
        continue
      }
      for (const x of ts) lag.push(x - t)
      spread.push(Math.max(...ts) - Math.min(...ts))
    }
    const connected = opened.reduce((a, o) => a + o.ok, 0)
    if (connected < n) throw new Error(`only ${connected} of ${n} walls connected`)
    const bytes = reports.reduce((a, r) => a + r.bytes, 0)
    const frames = reports.reduce((a, r) => a + r.frames, 0)
    const byLevel: Record<string, [number, number]> = {}
    for (const r of reports)
      for (const [l, [f, b]] of Object.entries(r.byLevel)) {
        const x = (byLevel[l] ??= [0, 0])
        x[0] += f
        x[1] += b
      }
    const frameSizes = Object.fromEntries(Object.entries(byLevel).map(([l, [f, b]]) => [l, b / f]))
    return {
      lag,
      spread,
      connected,
      ack: fed.latencies,
      postedPerSec: fed.ackAt.size / fed.seconds,
      bytesPerClientTick: bytes / connected / (elapsedS * (1000 / TICK_MS)),
      bytesPerClientSec: bytes / connected / elapsedS,
      framesPerClientSec: frames / connected / elapsedS,
      gaps: reports.reduce((a, r) => a + r.gaps, 0),
      missing,
      server: after,
      cpuPct: ((after.cpuMs - before.cpuMs) / 1000 / elapsedS) * 100,
      heapPerClient: (heapWith - heapBefore) / connected,
      loadCpuPct: (reports.reduce((a, r) => a + r.cpuMs, 0) / 1000 / elapsedS) * 100,
      sizes: { frame: frameSizes },
    }
  } finally {
    await target.stop('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Snapshot bytes per level (subscribe acks of the bare server are padded to these). */
async function ackSizes(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-fanout-'))
  const t = await startYiwang(dir)
  try {
    await preload(t.url)
    const out: Record<string, number> = {}
    for (const code of wallRegions(tree, 100).filter((c, i, a) => a.findIndex((x) => levelOf(x) === levelOf(c)) === i)) {
      out[levelOf(code)] = (await (await fetch(`${t.url}/api/v1/regions/${code}/snapshot`)).text()).length + 30
    }
    return out
  } finally {
    await t.stop('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

const ms = (x: number) => (Number.isFinite(x) ? fmt(x, x < 10 ? 1 : 0) : '—')
function row(name: string, a: number, b: number, unit = ' ms') {
  console.log(`| ${name} | ${ms(a)}${unit} | ${ms(b)}${unit} | ${b > 0 ? (a / b).toFixed(2) : '—'} |`)
}

async function fanout(sizesN: number[]): Promise<void> {
  console.log(`fan-out: TICK_MS=${TICK_MS}, ${RATE} new requests/s, ${SECONDS} s measured, ${LOADERS} load processes`)
  const ack = await ackSizes()
  for (const n of sizesN) {
    const y = await measure('yiwang', n, null)
    const b = await measure('bare', n, { ack, frame: y.sizes.frame })
    console.log(`\n### ${fmt(n)} walls (connected: server ${fmt(y.connected)}, bare ${fmt(b.connected)})\n`)
    console.log('| | server | bare Socket.IO | ratio |\n| --- | --- | --- | --- |')
    for (const q of [0.5, 0.95, 0.99]) row(`lag p${q * 100}`, quantile(y.lag, q), quantile(b.lag, q))
    row('lag max', Math.max(...y.lag), Math.max(...b.lag))
    row('fan-out spread p50', quantile(y.spread, 0.5), quantile(b.spread, 0.5))
    row('fan-out spread p99', quantile(y.spread, 0.99), quantile(b.spread, 0.99))
    row('ingest ack p50', quantile(y.ack, 0.5), quantile(b.ack, 0.5))
    row('ingest ack p99', quantile(y.ack, 0.99), quantile(b.ack, 0.99))
    row('event-loop delay p99', y.server.eldP99, b.server.eldP99)
    row('event-loop delay max', y.server.eldMax, b.server.eldMax)
    row('bytes per client per tick', y.bytesPerClientTick, b.bytesPerClientTick, ' B')
    row('bytes per client per second', y.bytesPerClientSec, b.bytesPerClientSec, ' B')
    row('frames per client per second', y.framesPerClientSec, b.framesPerClientSec, '')
    row('server CPU', y.cpuPct, b.cpuPct, ' %')
    row('heap per client', y.heapPerClient / 1024, b.heapPerClient / 1024, ' KB')
    console.log(
      `\nserver tick work p50 ${ms(y.server.tickP50!)} ms, p99 ${ms(y.server.tickP99!)} ms (CPU p50 ${ms(y.server.tickCpuP50!)} ms, p99 ${ms(y.server.tickCpuP99!)} ms), longest slice ${ms(y.server.sliceMax!)} ms (CPU ${ms(y.server.sliceMaxCpu!)} ms); ` +
        `feeder acked ${y.postedPerSec.toFixed(1)} / ${b.postedPerSec.toFixed(1)} events/s; deltas out of sequence: ${y.gaps}; ` +
        `requests no wall saw: ${y.missing} / ${b.missing}; load processes' CPU ${ms(y.loadCpuPct)} % / ${ms(b.loadCpuPct)} %; ` +
        `kpi frame bytes by level: ${Object.entries(y.sizes.frame).map(([l, s]) => `${l} ${Math.round(s)}`).join(', ')}`,
    )
  }
}

/** SIGTERM with n walls connected, a new process on the same port (and data): when the walls are back. */
async function restartOnce(kind: 'yiwang' | 'bare', n: number, sizes: object): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-restart-'))
  const port = await freePort()
  const begin = () => (kind === 'yiwang' ? startYiwang(dir, port) : startBare(sizes, port))
  let server = await begin()
  if (kind === 'yiwang') await preload(server.url)
  const loaders = await startLoaders()
  try {
    const regions = wallRegions(tree, n)
    const opened = (await loaders.send((i) => ({ cmd: 'open', url: server.url, regions: regions.filter((_, k) => k % LOADERS === i), concurrency: 100, reconnect: true }))) as { ok: number }[]
    const connected = opened.reduce((a, o) => a + o.ok, 0)
    await sleep(2000)
    await loaders.send({ cmd: 'measure' })
    const stopAt = now()
    await server.stop('SIGTERM')
    const stopped = now()
    server = await begin()
    const ready = now()
    let all: number[] = []
    let replies: { times: number[]; connects: number[]; connectErrors: number }[] = []
    for (let waited = 0; waited < 90_000 && all.length < connected; waited += 250) {
      await sleep(250)
      replies = (await loaders.send({ cmd: 'resubscribed' })) as typeof replies
      all = replies.flatMap((r) => r.times)
    }
    const connects = replies.flatMap((r) => r.connects)
    const after = (xs: number[], q: number) => ms(quantile(xs, q) - ready)
    console.log(`\n${kind === 'yiwang' ? 'server' : 'bare Socket.IO'}, ${fmt(connected)} walls: stop ${ms(stopped - stopAt)} ms, start ${ms(ready - stopped)} ms`)
    console.log(`  resubscribed ${fmt(all.length)} of ${fmt(connected)}: half ${after(all, 0.5)} ms, p99 ${after(all, 0.99)} ms, last ${after(all, 1)} ms after ready`)
    console.log(`  connected again: first ${after(connects, 0)} ms, half ${after(connects, 0.5)} ms after ready; failed connection attempts ${fmt(replies.reduce((a, r) => a + r.connectErrors, 0))}`)
  } finally {
    await loaders.close()
    await server.stop('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

async function restart(n: number): Promise<void> {
  console.log(`restart: ${LOADERS} load processes; the walls' own reconnect (client/api/socket.ts)`)
  const ack = await ackSizes()
  await restartOnce('yiwang', n, {})
  await restartOnce('bare', n, { ack, frame: {} })
}

const args = process.argv.slice(2)
if (args[0] === 'restart') await restart(Number(args[1] ?? 2000))
else await fanout(args.length ? args.map(Number) : [2000, 10_000])
process.exit(0)
