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
 * Environment: TICK_MS (1000), RATE (20 events/s), SECONDS (15, measured), LOADERS (2 processes),
 * SERVER_ONLY (measure the server alone, no bare run: for profiling).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../server/testing/child-server.ts'
import { levelOf, wallRegions } from './fanout/regions.ts'
import type { WallsReport } from './fanout/walls.ts'
import { feed, LOADERS, now, preload, RATE, SECONDS, settledHeap, sleep, startBare, startLoaders, startYiwang, TICK_MS, tree, type Target } from './fanout/targets.ts'
import { fmt, quantile } from './stats.ts'


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
    // A profiled server (CHILD_NODE_ARGS=--cpu-prof) writes its profile only when it exits by itself.
    await target.stop(process.env.CHILD_NODE_ARGS ? 'SIGTERM' : 'SIGKILL')
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

const ms = (x: number, digits = x < 10 ? 1 : 0) => (Number.isFinite(x) ? fmt(x, digits) : '—')
function row(name: string, a: number, b: number, unit = ' ms', digits?: number) {
  console.log(`| ${name} | ${ms(a, digits)}${unit} | ${ms(b, digits)}${unit} | ${b > 0 ? (a / b).toFixed(2) : '—'} |`)
}

async function fanout(sizesN: number[]): Promise<void> {
  console.log(`fan-out: TICK_MS=${TICK_MS}, ${RATE} new requests/s, ${SECONDS} s measured, ${LOADERS} load processes`)
  const ack = process.env.SERVER_ONLY ? {} : await ackSizes()
  for (const n of sizesN) {
    const y = await measure('yiwang', n, null)
    if (process.env.SERVER_ONLY) {
      console.log(`server only, ${fmt(n)} walls: event-loop delay p99 ${ms(y.server.eldP99)} ms, max ${ms(y.server.eldMax)} ms; ingest ack p99 ${ms(quantile(y.ack, 0.99))} ms; heap per client ${ms(y.heapPerClient / 1024, 1)} KB; longest tick slice ${ms(y.server.sliceMax!)} ms`)
      continue
    }
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
    row('heap per client', y.heapPerClient / 1024, b.heapPerClient / 1024, ' KB', 1)
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
    let replies: { times: number[]; connects: number[]; opens: number[]; connectErrors: number }[] = []
    for (let waited = 0; waited < 90_000 && all.length < connected; waited += 250) {
      await sleep(250)
      replies = (await loaders.send({ cmd: 'resubscribed' })) as typeof replies
      all = replies.flatMap((r) => r.times)
    }
    const connects = replies.flatMap((r) => r.connects)
    const after = (xs: number[], q: number) => ms(quantile(xs, q) - ready)
    console.log(`\n${kind === 'yiwang' ? 'server' : 'bare Socket.IO'}, ${fmt(connected)} walls: stop ${ms(stopped - stopAt)} ms, start ${ms(ready - stopped)} ms`)
    console.log(`  resubscribed ${fmt(all.length)} of ${fmt(connected)}: half ${after(all, 0.5)} ms, p99 ${after(all, 0.99)} ms, last ${after(all, 1)} ms after ready`)
    const opens = replies.flatMap((r) => r.opens)
    console.log(`  transport open: first ${after(opens, 0)} ms, half ${after(opens, 0.5)} ms; connected again: first ${after(connects, 0)} ms, half ${after(connects, 0.5)} ms after ready; failed connection attempts ${fmt(replies.reduce((a, r) => a + r.connectErrors, 0))}`)
  } finally {
    await loaders.close()
    await server.stop(process.env.CHILD_NODE_ARGS ? 'SIGTERM' : 'SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

async function restart(n: number): Promise<void> {
  console.log(`restart: ${LOADERS} load processes; the walls' own reconnect (client/api/socket.ts)`)
  const ack = process.env.SERVER_ONLY ? {} : await ackSizes()
  await restartOnce('yiwang', n, {})
  if (!process.env.SERVER_ONLY) await restartOnce('bare', n, { ack, frame: {} })
}

const args = process.argv.slice(2)
if (args[0] === 'restart') await restart(Number(args[1] ?? 2000))
else await fanout(args.length ? args.map(Number) : [2000, 10_000])
process.exit(0)
