/**
 * Where the CPU of a tick's store → Vue task goes: V8's sampler inside a Chromium trace, keeping
 * only the samples that fall in the tasks marked `yiwang:update`, by function (self) and by every
 * function on the stack (inclusive), mapped to sources. Needs an unminified build with source maps:
 *   npx vite build --minify false --sourcemap && npx tsx bench/wall/update-profile.ts [seconds=30]
 * (`npm run build` afterwards restores the production build.)
 */
import { readFileSync } from 'node:fs'
import { SourceMapConsumer } from 'source-map-js'
import { openFedWall } from './fed-wall.ts'

interface Frame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; parent?: number; callFrame: Frame }
interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  id?: string
  args?: { name?: string; data?: { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } }
}

const SECONDS = Number(process.argv[2] ?? 30)
const { browser, page, close } = await openFedWall({ tickMs: 1000, tag: 'uprof' })
await page.waitForTimeout(4000)
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'] })
await page.waitForTimeout(SECONDS * 1000)
const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }
await close()

const threads = new Map<string, string>()
for (const e of trace.traceEvents) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '')
const onMain = (e: TraceEvent) => threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain'
const marks = trace.traceEvents.filter((e) => onMain(e) && e.name === 'yiwang:update').map((e) => e.ts)
const updates = trace.traceEvents.filter((e) => onMain(e) && e.name === 'RunTask' && e.ph === 'X' && marks.some((m) => m >= e.ts && m <= e.ts + (e.dur ?? 0)))
const inUpdate = (ts: number) => updates.some((t) => ts >= t.ts && ts <= t.ts + (t.dur ?? 0))

// The sampled profile arrives in chunks: nodes (with their parent) and samples with time deltas.
const nodes = new Map<number, ProfileNode>()
const samples: { ts: number; id: number }[] = []
const clocks = new Map<string, number>()
for (const e of trace.traceEvents) {
  if (e.name === 'Profile' && onMain(e)) clocks.set(e.id!, e.args?.data?.startTime ?? 0)
  if (e.name !== 'ProfileChunk' || !clocks.has(e.id!)) continue
  const cpu = e.args?.data?.cpuProfile ?? {}
  for (const n of cpu.nodes ?? []) nodes.set(n.id, n)
  const deltas = e.args?.data?.timeDeltas ?? []
  let t = clocks.get(e.id!)!
  ;(cpu.samples ?? []).forEach((id, i) => {
    t += deltas[i] ?? 0
    samples.push({ ts: t, id })
  })
  clocks.set(e.id!, t)
}

const maps = new Map<string, SourceMapConsumer | null>()
/** `source:line` of a frame through the build's source maps (node_modules and the checkout trimmed). */
function where(f: Frame): string {
  if (!f.url) return ''
  const file = f.url.split('/').pop() ?? ''
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(`dist/client/assets/${file}.map`, 'utf8'))))
    } catch {
      maps.set(file, null)
    }
  }
  const p = maps.get(file)?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber })
  if (!p?.source) return file
  return `${p.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')}:${p.line}`
}

const self = new Map<string, number>()
const inclusive = new Map<string, number>()
let n = 0
for (const s of samples) {
  if (!inUpdate(s.ts)) continue
  n++
  const stack: Frame[] = []
  for (let id: number | undefined = s.id; id != null; id = nodes.get(id)?.parent) stack.push(nodes.get(id)!.callFrame)
  const name = (f: Frame) => `${f.functionName || '(anonymous)'} ${where(f)}`
  self.set(name(stack[0]), (self.get(name(stack[0])) ?? 0) + 1)
  for (const k of new Set(stack.filter((f) => f.url).map(name))) inclusive.set(k, (inclusive.get(k) ?? 0) + 1)
}
const pct = (v: number) => `${((100 * v) / Math.max(1, n)).toFixed(1).padStart(5)}%`
console.log(`${updates.length} store → Vue tasks, ${n} samples in them`)
console.log('self:')
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(pct(v), k)
console.log('inclusive:')
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(pct(v), k)
