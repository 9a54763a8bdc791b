/**
 * 24/7 soak: the wall under accelerated updates (TICK_MS=50, a feeder posting every tick), with a
 * drill-down and back every 20 s, sampling the JS heap after forced GC. Prints the heap trend (all
 * samples after warm-up, and the second half alone), DOM counters, per-update cost, long tasks,
 * and at the end a 20 s trace of the per-update CPU time (`trace-cost.ts`).
 *   npx tsx bench/wall/heap-soak.ts [seconds=240]
 * 240 s at 50 ms per tick is 4,800 ticks: more than an hour of 1 s ticks.
 */
import { loadavg } from 'node:os'
import { openFedWall } from './fed-wall.ts'
import { formatUpdateCost, traceUpdateCost } from './trace-cost.ts'
import { workerHeapProbe } from './worker-heap.ts'

const seconds = Number(process.argv[2] ?? 240)
const TICK_MS = 50
const { browser, page, close } = await openFedWall({ tickMs: TICK_MS, tag: 'soak' })
const cdp = await page.context().newCDPSession(page)
await cdp.send('Performance.enable')
// The live charts draw in a worker: its heap is sampled too (its own isolate).
const workerHeap = await workerHeapProbe(cdp, 'chart-worker')
// Counters, not lists: what the soak keeps in the page must not grow with its length.
await page.evaluate(() => {
  const w = window as unknown as { __long: { tasks: number; taskMax: number; loaf: number; loafBlocking: number } }
  w.__long = { tasks: 0, taskMax: 0, loaf: 0, loafBlocking: 0 }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.__long.tasks++
      w.__long.taskMax = Math.max(w.__long.taskMax, e.duration)
    }
  }).observe({ type: 'longtask', buffered: false })
  // Long animation frames (≥50 ms): script, style, layout and paint of one frame together.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.__long.loaf++
      if ((e as PerformanceEntry & { blockingDuration: number }).blockingDuration > 0) w.__long.loafBlocking++
    }
  }).observe({ type: 'long-animation-frame', buffered: false })
})
const load0 = loadavg()

interface Sample { t: number; heapMB: number; workerMB: number | null; nodes: number; listeners: number; renders: number; root: boolean }
const samples: Sample[] = []
const sample = async (t: number, root: boolean) => {
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = await cdp.send('Runtime.getHeapUsage')
  const dom = await cdp.send('Memory.getDOMCounters')
  const renders = await page.evaluate(() => (window as unknown as { __yiwangRenderStats: { count: number } }).__yiwangRenderStats.count)
  const workerMB = await workerHeap()
  samples.push({ t, heapMB: heap.usedSize / 2 ** 20, workerMB, nodes: dom.nodes, listeners: dom.jsEventListeners, renders, root })
  console.log(`t=${String(t).padStart(4)}s ${root ? 'city    ' : 'district'} heap=${(heap.usedSize / 2 ** 20).toFixed(2)} MB chart worker=${workerMB?.toFixed(2) ?? '—'} MB nodes=${dom.nodes} listeners=${dom.jsEventListeners} renders=${renders}`)
}

const metrics0 = await cdp.send('Performance.getMetrics')
const t0 = Date.now()
let drilled = false
let next = 0
while ((Date.now() - t0) / 1000 < seconds) {
  const t = Math.round((Date.now() - t0) / 1000)
  if (t >= next) {
    // Route changes must dispose everything the old page made.
    if (drilled) await page.keyboard.press('Escape')
    else await page.locator('[data-testid="ranking"] li').first().dispatchEvent('click')
    drilled = !drilled
    await page.waitForTimeout(3000)
    await sample(Math.round((Date.now() - t0) / 1000), !drilled)
    next += 20
  }
  await page.waitForTimeout(500)
}
const metrics1 = await cdp.send('Performance.getMetrics')
const load1 = loadavg()
const cost = await traceUpdateCost(browser, page, 20)

const m = (ms: typeof metrics0, name: string) => ms.metrics.find((x) => x.name === name)?.value ?? 0
const elapsed = m(metrics1, 'Timestamp') - m(metrics0, 'Timestamp')
const busy = m(metrics1, 'TaskDuration') - m(metrics0, 'TaskDuration')
// Plain data out of the page (tsx would wrap named helpers inside the page function).
const raw = await page.evaluate(() => {
  const s = (window as unknown as { __yiwangRenderStats: { count: number; durations: Float64Array } }).__yiwangRenderStats
  return { count: s.count, durations: Array.from(s.durations.slice(0, Math.min(s.count, s.durations.length))) }
})
const sorted = raw.durations.sort((a, b) => a - b)
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
const stats = { count: raw.count, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted.at(-1) }
const long = await page.evaluate(() => (window as unknown as { __long: { tasks: number; taskMax: number; loaf: number; loafBlocking: number } }).__long)

// Least-squares slope of the heap on the city page (like with like), skipping the first (warm-up);
// over the second half alone too, where bounded buffers (ticker, alerts, caches) are full.
const pts = samples.filter((p) => p.root).slice(1)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const slopeOf = (ps: Sample[]) => {
  const mt = mean(ps.map((p) => p.t))
  const mh = mean(ps.map((p) => p.heapMB))
  return ps.reduce((a, p) => a + (p.t - mt) * (p.heapMB - mh), 0) / ps.reduce((a, p) => a + (p.t - mt) ** 2, 0)
}
const slope = slopeOf(pts)
const late = pts.filter((p) => p.t >= seconds / 2)
const slopeLate = slopeOf(late)
const ticks = Math.round((seconds * 1000) / TICK_MS)
console.log(`\nsoak: ${seconds} s, ${ticks} server ticks at ${TICK_MS} ms (≈ ${(ticks / 3600).toFixed(2)} h of 1 s ticks), ${stats.count} wall updates`)
console.log(`heap after GC: first ${pts[0]?.heapMB.toFixed(2)} MB, last ${pts.at(-1)?.heapMB.toFixed(2)} MB, min ${Math.min(...pts.map((p) => p.heapMB)).toFixed(2)}, max ${Math.max(...pts.map((p) => p.heapMB)).toFixed(2)}`)
console.log(`heap trend, all city samples after the first: ${(slope * 3600).toFixed(2)} MB per hour of wall time (${(slope * 60).toFixed(3)} MB/min, ${pts.length} samples)`)
console.log(`heap trend, second half only: ${(slopeLate * 3600).toFixed(2)} MB per hour (${(slopeLate * 60).toFixed(3)} MB/min, ${late.length} samples, ${Math.min(...late.map((p) => p.heapMB)).toFixed(2)}–${Math.max(...late.map((p) => p.heapMB)).toFixed(2)} MB)`)
// Medians per tenth of the run: a warm-up curve flattens, a leak keeps climbing.
const tenths = Array.from({ length: 10 }, (_, i) => pts.filter((p) => p.t >= (i * seconds) / 10 && p.t < ((i + 1) * seconds) / 10).map((p) => p.heapMB).sort((a, b) => a - b))
console.log(`heap medians per tenth of the run (city): ${tenths.map((xs) => (xs.length ? xs[Math.floor(xs.length / 2)].toFixed(2) : '—')).join(', ')} MB`)
const lastQuarter = pts.filter((p) => p.t >= (seconds * 3) / 4)
console.log(`heap trend, last quarter only: ${(slopeOf(lastQuarter) * 60).toFixed(3)} MB/min (${lastQuarter.length} samples)`)
const dist = samples.filter((p) => !p.root).slice(1)
console.log(`district samples: first ${dist[0]?.heapMB.toFixed(2)} MB, last ${dist.at(-1)?.heapMB.toFixed(2)} MB, trend ${(slopeOf(dist) * 60).toFixed(3)} MB/min; second half ${(slopeOf(dist.filter((p) => p.t >= seconds / 2)) * 60).toFixed(3)} MB/min`)
{
  // The chart worker's heap, like with like (city samples).
  const w = pts.filter((p) => p.workerMB != null)
  if (w.length > 2) {
    const wSlope = (ps: Sample[]) => slopeOf(ps.map((p) => ({ ...p, heapMB: p.workerMB! })))
    const wt = Array.from({ length: 10 }, (_, i) => w.filter((p) => p.t >= (i * seconds) / 10 && p.t < ((i + 1) * seconds) / 10).map((p) => p.workerMB!).sort((a, b) => a - b))
    console.log(`chart worker heap after GC: first ${w[0].workerMB!.toFixed(2)} MB, last ${w.at(-1)!.workerMB!.toFixed(2)} MB; medians per tenth ${wt.map((xs) => (xs.length ? xs[Math.floor(xs.length / 2)].toFixed(2) : '—')).join(', ')} MB`)
    console.log(`chart worker heap trend: second half ${(wSlope(w.filter((p) => p.t >= seconds / 2)) * 60).toFixed(3)} MB/min, last quarter ${(wSlope(w.filter((p) => p.t >= (seconds * 3) / 4)) * 60).toFixed(3)} MB/min`)
  } else console.log('chart worker heap: no worker sampled')
}
console.log(`DOM nodes first/last: ${pts[0]?.nodes}/${pts.at(-1)?.nodes}; JS listeners first/last: ${pts[0]?.listeners}/${pts.at(-1)?.listeners}`)
console.log(`update cost in the page (store → Vue → chart tasks, wall clock), last ${Math.min(stats.count, 512)}: p50 ${stats.p50?.toFixed(2)} ms, p95 ${stats.p95?.toFixed(2)} ms, p99 ${stats.p99?.toFixed(2)} ms, max ${stats.max?.toFixed(2)} ms`)
console.log(`long tasks (≥50 ms) during the soak: ${long.tasks}${long.tasks ? ` (max ${long.taskMax.toFixed(0)} ms)` : ''}`)
console.log(`long animation frames: ${long.loaf}; blocking > 0 ms in ${long.loafBlocking}`)
console.log(`main thread busy: ${((busy / elapsed) * 100).toFixed(1)}% of wall time`)
console.log(`load average (1/5/15 min) at start ${load0.map((x) => x.toFixed(2)).join(' ')}, at end ${load1.map((x) => x.toFixed(2)).join(' ')}`)
console.log('\ntrace of the last 20 s:')
for (const line of formatUpdateCost(cost)) console.log(line)
await close()
