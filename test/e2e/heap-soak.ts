/**
 * 24/7 soak: the wall under accelerated updates (TICK_MS=50, a feeder posting every tick), with a
 * drill-down and back every 20 s, sampling the JS heap after forced GC. Prints the heap trend, DOM
 * counters, per-update main-thread cost and long tasks.
 *   npx tsx test/e2e/heap-soak.ts [seconds=240]
 * 240 s at 50 ms per tick is 4,800 ticks: more than an hour of 1 s ticks.
 */
import { createFeeder, launchChromium, requireBuiltClient, startTestServer } from './harness.ts'

const seconds = Number(process.argv[2] ?? 240)
const TICK_MS = 50
requireBuiltClient()
const srv = await startTestServer({ tickMs: TICK_MS })
const feeder = createFeeder(srv.url, { days: 1 })
await feeder.catchUp()
let feeding = true
void (async () => {
  let n = 0
  while (feeding) {
    await feeder.burst(2, `soak${n++}`).catch(() => undefined)
    await new Promise((r) => setTimeout(r, TICK_MS))
  }
})()

const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
const cdp = await page.context().newCDPSession(page)
await cdp.send('Performance.enable')
await page.goto(`${srv.url}/wall/2103`)
await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])')
await page.evaluate(() => {
  const w = window as unknown as { __longTasks: number[]; __loaf: number[] }
  w.__longTasks = []
  w.__loaf = []
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false })
  // Long animation frames (≥50 ms): script, style, layout and paint of one frame together.
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__loaf.push((e as PerformanceEntry & { blockingDuration: number }).blockingDuration))).observe({ type: 'long-animation-frame', buffered: false })
})

interface Sample { t: number; heapMB: number; nodes: number; listeners: number; renders: number; root: boolean }
const samples: Sample[] = []
const sample = async (t: number, root: boolean) => {
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = await cdp.send('Runtime.getHeapUsage')
  const dom = await cdp.send('Memory.getDOMCounters')
  const renders = await page.evaluate(() => (window as unknown as { __yiwangRenderStats: { count: number } }).__yiwangRenderStats.count)
  samples.push({ t, heapMB: heap.usedSize / 2 ** 20, nodes: dom.nodes, listeners: dom.jsEventListeners, renders, root })
  console.log(`t=${String(t).padStart(4)}s ${root ? 'city    ' : 'district'} heap=${(heap.usedSize / 2 ** 20).toFixed(2)} MB nodes=${dom.nodes} listeners=${dom.jsEventListeners} renders=${renders}`)
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
feeding = false

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
const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
const loaf = await page.evaluate(() => (window as unknown as { __loaf: number[] }).__loaf)

// Least-squares slope of the heap on the city page (like with like), skipping the first (warm-up).
const pts = samples.filter((p) => p.root).slice(1)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const mt = mean(pts.map((p) => p.t))
const mh = mean(pts.map((p) => p.heapMB))
const slope = pts.reduce((a, p) => a + (p.t - mt) * (p.heapMB - mh), 0) / pts.reduce((a, p) => a + (p.t - mt) ** 2, 0)
const ticks = Math.round((seconds * 1000) / TICK_MS)
console.log(`\nsoak: ${seconds} s, ${ticks} server ticks at ${TICK_MS} ms (≈ ${(ticks / 3600).toFixed(2)} h of 1 s ticks), ${stats.count} wall updates`)
console.log(`heap after GC: first ${pts[0]?.heapMB.toFixed(2)} MB, last ${pts.at(-1)?.heapMB.toFixed(2)} MB, min ${Math.min(...pts.map((p) => p.heapMB)).toFixed(2)}, max ${Math.max(...pts.map((p) => p.heapMB)).toFixed(2)}`)
console.log(`heap trend: ${(slope * 3600).toFixed(2)} MB per hour of wall time (${(slope * 60).toFixed(3)} MB/min)`)
console.log(`DOM nodes first/last: ${pts[0]?.nodes}/${pts.at(-1)?.nodes}; JS listeners first/last: ${pts[0]?.listeners}/${pts.at(-1)?.listeners}`)
console.log(`update cost (store → Vue → ECharts setOption), last ${Math.min(stats.count, 512)}: p50 ${stats.p50?.toFixed(2)} ms, p95 ${stats.p95?.toFixed(2)} ms, p99 ${stats.p99?.toFixed(2)} ms, max ${stats.max?.toFixed(2)} ms`)
console.log(`long tasks (≥50 ms) during the soak: ${longTasks.length}${longTasks.length ? ` (max ${Math.max(...longTasks).toFixed(0)} ms)` : ''}`)
console.log(`long animation frames: ${loaf.length}; blocking > 0 ms in ${loaf.filter((b) => b > 0).length}`)
console.log(`main thread busy: ${((busy / elapsed) * 100).toFixed(1)}% of wall time`)
await browser.close()
await srv.dispose()
