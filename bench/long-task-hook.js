/**
 * Preloaded into a benchmarked server (`CHILD_NODE_ARGS="--import ./bench/long-task-hook.js"`):
 * times every top-level callback the event loop runs (async hooks' before/after), so the longest
 * single synchronous task is measured, not the event-loop delay (which also counts tasks queued
 * back to back while ingest keeps the loop busy). Writes, every 2 s and at exit, to
 * `$LONG_TASKS_DIR/long-tasks-<pid>.json` (default the OS temp folder): a histogram of task
 * lengths and every task over 20 ms with its time since start and its resource type.
 * `npx tsx bench/long-tasks.ts FILE [FROM_MS]` summarises one.
 */
import { createHook } from 'node:async_hooks'
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
    if (ms > 20) long.push({ at: Math.round(performance.now()), ms: Number(ms.toFixed(1)), type: types.get(current) })
  },
  destroy(id) {
    types.delete(id)
  },
}).enable()
const file = join(process.env.LONG_TASKS_DIR ?? tmpdir(), `long-tasks-${process.pid}.json`)
const dump = () => writeFileSync(file, JSON.stringify({ bounds: BOUNDS, hist, long }))
setInterval(dump, 2000).unref()
process.on('exit', dump)
