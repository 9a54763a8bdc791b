/**
 * Preloaded into a benchmarked server (`CHILD_NODE_ARGS="--import ./bench/long-task-hook.js"`):
 * times every top-level callback the event loop runs (async hooks' before/after), so the longest
 * single synchronous task is measured, not the event-loop delay (which also counts tasks queued
 * back to back while ingest keeps the loop busy). Writes, every 2 s and at exit, to
 * `$LONG_TASKS_DIR/long-tasks-<pid>.json` (default the OS temp folder): a histogram of task
 * lengths every task over 20 ms with its time since start and its resource type, and every garbage-collection
 * pause over 10 ms.
 * `npx tsx bench/long-tasks.ts FILE [FROM_MS]` summarises one.
 */
import { createHook } from 'node:async_hooks'
import { PerformanceObserver, constants } from 'node:perf_hooks'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BOUNDS = [10, 20, 50, 100, 200]
const types = new Map()
const hist = new Array(BOUNDS.length + 1).fill(0)
const long = []
let depth = 0
let start = 0
let current = 0
createHook({
  init(id, type) {
    types.set(id, type)
  },
  before(id) {
    if (depth++ > 0) return
    start = performance.now()
    current = id
  },
  after() {
    if (--depth > 0) return
    const ms = performance.now() - start
    let b = 0
    while (b < BOUNDS.length && ms >= BOUNDS[b]) b++
    hist[b]++
    // `end` (monotonic µs, the clock of a `--cpu-prof` profile's sample times) finds the task's samples in a profile.
    if (ms > 20) long.push({ at: Math.round(performance.now()), ms: Number(ms.toFixed(1)), type: types.get(current), end: Number(process.hrtime.bigint() / 1000n) })
  },
  destroy(id) {
    types.delete(id)
  },
}).enable()
/** Garbage-collection pauses over 10 ms, to tell a long task's own work from a collection inside it. */
const gc = []
const GC_KINDS = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' }
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.duration > 10) gc.push({ at: Math.round(e.startTime), ms: Number(e.duration.toFixed(1)), kind: GC_KINDS[e.detail?.kind] ?? String(e.detail?.kind) })
}).observe({ entryTypes: ['gc'] })
const file = join(process.env.LONG_TASKS_DIR ?? tmpdir(), `long-tasks-${process.pid}.json`)
const dump = () => writeFileSync(file, JSON.stringify({ bounds: BOUNDS, hist, long, gc }))
setInterval(dump, 2000).unref()
process.on('exit', dump)
