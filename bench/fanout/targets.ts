/**
 * What the fan-out benchmark runs against and with: the server and the bare Socket.IO server as
 * child processes, the load processes holding the walls, the feeder, and the month of history.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from '../../server/testing/child-server.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { feedEvent } from './regions.ts'
import type { WallsCommand } from './walls.ts'
import { realisticEvents } from '../realistic-events.ts'

export const TICK_MS = Number(process.env.TICK_MS ?? 1000)
export const RATE = Number(process.env.RATE ?? 20)
export const SECONDS = Number(process.env.SECONDS ?? 15)
export const LOADERS = Number(process.env.LOADERS ?? 2)
export const TOKEN = 'bench-ingest'
export const tree = loadRegionPack('2103')
const communities = tree.nodes.filter((n) => n.level === 'community').map((n) => n.code)
export const now = () => performance.timeOrigin + performance.now()
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface Target {
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

export async function startYiwang(dataDir: string, port?: number): Promise<Target> {
  port ??= await freePort()
  // CHILD_NODE_ARGS adds Node options to the server only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const extra = process.env.CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const proc = spawn(process.execPath, [...extra, '--expose-gc', '--import', 'tsx', '--import', './bench/fanout/gc-hook.js', 'server/server.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, INGEST_TOKEN: TOKEN, TICK_MS: String(TICK_MS), REGION_ROOT: '2103', LOG_LEVEL: 'warn', MAX_SOCKETS_PER_IP: '1000000' },
    // SERVER_STDERR shows the server's output (e.g. CHILD_NODE_ARGS=--trace-gc) instead of keeping it for errors.
    stdio: ['ignore', process.env.SERVER_STDERR ? 'inherit' : 'pipe', process.env.SERVER_STDERR ? 'inherit' : 'pipe', 'ipc'],
  })
  let out = ''
  proc.stdout?.on('data', (d) => (out += d))
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

export async function startBare(sizes: object, port?: number): Promise<Target> {
  port ??= await freePort()
  const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', './bench/fanout/gc-hook.js', 'bench/fanout/bare-server.ts'], {
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
export function settledHeap(t: Target): Promise<number> {
  const reply = new Promise<number>((r) => t.proc.once('message', (m: { heap: number }) => r(m.heap)))
  t.proc.send('gc')
  return reply
}

/** The load processes, each holding a share of the walls. */
export async function startLoaders(): Promise<{ send(m: WallsCommand | ((i: number) => WallsCommand)): Promise<unknown[]>; close(): Promise<void> }> {
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
export async function feed(url: string, run: string): Promise<{ ackAt: Map<string, number>; latencies: number[]; posted: number; seconds: number }> {
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
export async function preload(url: string): Promise<void> {
  const events = realisticEvents(tree, 20_000, Date.now() - 30 * 86_400_000, Date.now() - 60_000, 7, 'h')
  for (let i = 0; i < events.length; i += 2000) {
    const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(events.slice(i, i + 2000)) })
    if (!res.ok) throw new Error(`preload: ${res.status}`)
  }
}
