/**
 * The synchronous steps of a backfill on the server's event loop, in process: a month of the
 * simulator's 鞍山市 applied as the store delivers a commit (32 events at a time until 8 ms have
 * passed, one turn of the event loop), a checkpoint taken whenever 15,000 state rows changed
 * (`CHECKPOINT_ROWS`), quiet requests leaving memory 1,000 a turn before it, its rows handed out a
 * slice a turn as the store does (`server/store/row-slices.ts`), the old days it wrote going to
 * their cache 4,000 a turn after it, the engine ticked every second; each step timed, the
 * checkpoint's capture and its commit's bookkeeping by part, and garbage-collection pauses by kind. The state tables are empty stand-ins (no disk).
 * Usage: npx tsx bench/checkpoint-steps.ts [days=30]
 */
import { PerformanceObserver } from 'node:perf_hooks'
import { createSimulator } from '../mock/simulator.ts'
import { Engine } from '../server/engine/engine.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { sendRowSlices } from '../server/store/row-slices.ts'
import { DAY_MS } from '../shared/time-windows.ts'
import { NO_TABLES } from '../server/store/no-tables.ts'

const days = Number(process.argv[2] ?? 30)
const gcs = new Map<string, number[]>()
const GC_KINDS: Record<number, string> = { 1: 'scavenge', 2: 'minor mark-sweep', 4: 'mark-compact', 8: 'incremental', 16: 'weak callbacks' }
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = GC_KINDS[(e as unknown as { detail: { kind: number } }).detail.kind] ?? 'other'
    gcs.set(kind, [...(gcs.get(kind) ?? []), e.duration])
  }
}).observe({ entryTypes: ['gc'] })

const tree = loadRegionPack('2103')
const now = Date.now()
const from = now - days * DAY_MS
const sim = createSimulator({ tree, seed: 8890, from, gridFrom: Math.max(from, now - 7 * DAY_MS), idPrefix: 'steps' })
const engine = new Engine({ tree, clock: () => Date.now() })
engine.useTables(NO_TABLES)
engine.replayed()

const steps = new Map<string, number[]>()
function time<T>(name: string, f: () => T): T {
  const t = performance.now()
  const out = f()
  steps.set(name, [...(steps.get(name) ?? []), performance.now() - t])
  return out
}
/** Times `name` on each call of `obj[method]` while `f` runs. */
function timing<T>(obj: object, method: string, name: string, f: () => T): T {
  const o = obj as Record<string, (...a: unknown[]) => unknown>
  const orig = o[method]
  o[method] = function (this: unknown, ...a: unknown[]) {
    return time(name, () => orig.apply(this, a))
  }
  try {
    return f()
  } finally {
    o[method] = orig
  }
}

let events = 0
let lastTick = performance.now()
for (;;) {
  const batch = sim.take(now, 2000)
  if (!batch.length) break
  for (let o = 0; o < batch.length; ) {
    time('apply for 8 ms (a turn)', () => {
      const until = performance.now() + 8
      do {
        engine.applyCommitted(batch.slice(o, o + 32))
        o += 32
      } while (o < batch.length && performance.now() < until)
    })
  }
  events += batch.length
  if (performance.now() - lastTick > 1000) {
    time('engine tick', () => engine.tick())
    lastTick = performance.now()
  }
  if (engine.unsavedRows < 15_000) continue
  const agg = engine.agg
  const loop = engine.loop
  // As `Engine.evictQuiet` does before a checkpoint, one turn of the event loop per chunk.
  for (let more = true; more; ) more = time('quiet requests leave, 1,000', () => agg.rows.evictQuiet(Date.now(), agg.requests, 1000))
  const capture = () =>
    timing(agg.counters, 'capture', '  counters', () =>
      timing(agg.rows, 'capture', '  requests', () =>
        timing(agg.grid, 'capture', '  duty and patrols', () =>
          timing(loop.departments, 'capture', '  departments', () => timing(loop.words, 'capture', '  hot words', () => engine.checkpointState())),
        ),
      ),
    )
  const { rows } = time('checkpoint capture', capture)
  // As the store sends them: a slice per turn of about 4 ms, taken in pulls sized by the last pull's pace.
  await sendRowSlices((max) => time('checkpoint rows, a pull (about 0.25 ms)', () => rows(max)), () => {})
  const saved = () =>
    timing(agg.counters, 'persisted', '  counters written', () =>
      timing(agg.rows, 'persisted', '  requests written', () => timing(loop, 'persisted', '  closed loop written', () => engine.checkpointSaved())),
    )
  time('checkpoint saved', saved)
  // As `Engine.settle` does after the commit, a turn per chunk.
  for (let more = true; more; ) more = time('old days to their cache, 4,000', () => agg.counters.cold.settle(4000))
}

const pct = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))] ?? 0
const line = (name: string, a: number[]) => `| ${name} | ${a.length} | ${pct(a, 0.5).toFixed(1)} | ${pct(a, 0.99).toFixed(1)} | ${a.reduce((m, x) => Math.max(m, x), -Infinity).toFixed(1)} |`
await new Promise((r) => setTimeout(r, 100))
console.log(`${events.toLocaleString('en')} events of ${days} days of 鞍山市\n`)
console.log('| step | n | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |')
for (const [name, a] of steps) console.log(line(name, a))
for (const [kind, a] of gcs) console.log(line(`GC: ${kind}`, a))
