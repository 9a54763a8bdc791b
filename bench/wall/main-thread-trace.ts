/**
 * Where the wall's main thread goes under live updates: a Chromium trace of 8 s at the given tick,
 * summed per thread and per event. `npx tsx bench/wall/main-thread-trace.ts [tickMs=1000]`
 */
import { openFedWall } from './fed-wall.ts'

const tick = Number(process.argv[2] ?? 1000)
const SECONDS = 8
const { browser, page, close } = await openFedWall({ tickMs: tick, tag: 'trace' })
await page.waitForTimeout(3000)
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
await page.waitForTimeout(SECONDS * 1000)
const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; args?: { name?: string } }[] }

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
await close()
