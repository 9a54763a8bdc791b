/**
 * Where the wall's main thread goes under live updates: a Chromium trace of 8 s at the given tick,
 * summed per thread and per event. `npx tsx test/e2e/main-thread-trace.ts [tickMs=1000]`
 */
import { createFeeder, launchChromium, requireBuiltClient, startTestServer } from './harness.ts'

const tick = Number(process.argv[2] ?? 1000)
const SECONDS = 8
requireBuiltClient()
const srv = await startTestServer({ tickMs: tick })
const feeder = createFeeder(srv.url, { days: 1 })
await feeder.catchUp()
let feeding = true
void (async () => {
  let n = 0
  while (feeding) {
    await feeder.burst(2, `trace${n++}`).catch(() => undefined)
    await new Promise((r) => setTimeout(r, tick))
  }
})()
const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
await page.goto(`${srv.url}/wall/2103`)
await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])')
await page.waitForTimeout(3000)
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
await page.waitForTimeout(SECONDS * 1000)
const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; args?: { name?: string } }[] }
feeding = false

const threads = new Map<number, string>()
for (const e of trace.traceEvents) if (e.name === 'thread_name' && e.args?.name) threads.set(e.tid, e.args.name)
const sums = new Map<string, number>()
for (const e of trace.traceEvents) {
  if (e.ph !== 'X' || !e.dur) continue
  const key = `${threads.get(e.tid) ?? e.tid} ${e.name}`
  sums.set(key, (sums.get(key) ?? 0) + e.dur / 1000)
}
const main = sums.get('CrRendererMain RunTask') ?? 0
console.log(`tick ${tick} ms, ${SECONDS} s traced: renderer main thread busy ${main.toFixed(0)} ms (${((main / (SECONDS * 1000)) * 100).toFixed(1)}%), ≈ ${((main * tick) / (SECONDS * 1000)).toFixed(1)} ms per tick`)
for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 16)) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`)
await browser.close()
await srv.dispose()
