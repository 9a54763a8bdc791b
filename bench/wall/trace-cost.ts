/** Per-tick update cost from a Chromium trace of the wall (see `update-cost.ts`). */
import type { Browser, Page } from 'playwright-core'

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: { name?: string } }

/** What {@link traceUpdateCost} measured. */
export interface UpdateCost {
  seconds: number
  updates: {
    wall: number
    cpu: number
    tasks: number
    vueCpu: number
    charts: Record<string, number>
    /** CPU of the frames that render the tick's changes: the first frame after each of its tasks. */
    frameCpu: number
    /** Off the main thread: CPU of the chart worker's redraws after this update (before the next), by chart. */
    workerCharts: Record<string, number>
  }[]
  /** Frame tasks (a BeginMainFrame: style, layout, paint, commit), all of them: count, summed CPU ms, CPU of the longest, and how many took over 16 ms of CPU. */
  frames: { count: number; cpu: number; maxCpu: number; over16: number }
  /** Main-thread tasks: all of them, summed wall and CPU ms. */
  mainWall: number
  mainCpu: number
  longByWall: number
  longByCpu: number
  maxTaskWall: number
  maxTaskCpu: number
}

/**
 * Traces the page for `seconds` and splits the renderer's main-thread tasks into ticks: the task
 * marked `yiwang:update` (store → Vue) and the chart tasks marked `yiwang:chart:<name>` after it, each as
 * wall time and as the thread's own CPU time (`tdur`; on a shared machine wall time also counts
 * the time the thread waited for a core).
 */
export async function traceUpdateCost(browser: Browser, page: Page, seconds: number): Promise<UpdateCost> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'cc'] })
  await page.waitForTimeout(seconds * 1000)
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }
  const threads = new Map<string, string>()
  for (const e of trace.traceEvents) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name)
  const onMain = (e: TraceEvent) => threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain'
  const onWorker = (e: TraceEvent) => threads.get(`${e.pid}:${e.tid}`)?.startsWith('DedicatedWorker') ?? false
  const tasks = trace.traceEvents.filter((e) => onMain(e) && e.ph === 'X' && e.name === 'RunTask').sort((a, b) => a.ts - b.ts)
  const marks = trace.traceEvents.filter((e) => onMain(e) && (e.name === 'yiwang:update' || e.name.startsWith('yiwang:chart'))).sort((a, b) => a.ts - b.ts)
  // Frame tasks: a BeginMainFrame runs style, layout, paint and commit for what the tasks before it changed.
  const frameStarts = trace.traceEvents.filter((e) => onMain(e) && e.name === 'ProxyMain::BeginMainFrame').map((e) => e.ts)
  const frames = tasks.filter((t) => {
    const i = lowerBound(frameStarts, t.ts)
    return i < frameStarts.length && frameStarts[i] <= t.ts + (t.dur ?? 0)
  })
  const frameTs = frames.map((f) => f.ts)
  const frameAfter = (t: TraceEvent) => frames[lowerBound(frameTs, t.ts + (t.dur ?? 0))]
  const updates: UpdateCost['updates'] = []
  const framed = new Set<TraceEvent>()
  const seen = new Set<TraceEvent>()
  const updateStarts: number[] = []
  let i = 0
  for (const m of marks) {
    while (i < tasks.length && tasks[i].ts + (tasks[i].dur ?? 0) < m.ts) i++
    const t = tasks[i]
    if (!t || t.ts > m.ts || seen.has(t)) continue
    seen.add(t)
    if (m.name === 'yiwang:update') {
      updates.push({ wall: 0, cpu: 0, tasks: 0, vueCpu: (t.tdur ?? 0) / 1000, charts: {}, frameCpu: 0, workerCharts: {} })
      updateStarts.push(m.ts)
    }
    const u = updates.at(-1)
    if (!u) continue
    u.wall += (t.dur ?? 0) / 1000
    u.cpu += (t.tdur ?? 0) / 1000
    u.tasks++
    const f = frameAfter(t)
    if (f && !framed.has(f)) {
      framed.add(f)
      u.frameCpu += (f.tdur ?? 0) / 1000
    }
    if (m.name !== 'yiwang:update') {
      const chart = m.name.slice('yiwang:chart:'.length) || 'chart'
      u.charts[chart] = (u.charts[chart] ?? 0) + (t.tdur ?? 0) / 1000
    }
  }
  // The chart worker's redraws: its tasks holding a chart mark, each counted with the update before it.
  const workerTasks = trace.traceEvents.filter((e) => onWorker(e) && e.ph === 'X' && e.name === 'RunTask')
  for (const m of trace.traceEvents.filter((e) => onWorker(e) && e.name.startsWith('yiwang:chart'))) {
    const t = workerTasks.find((w) => w.pid === m.pid && w.tid === m.tid && w.ts <= m.ts && m.ts <= w.ts + (w.dur ?? 0))
    const u = updates[lowerBound(updateStarts, m.ts + 1) - 1]
    if (!t || !u) continue
    const chart = m.name.slice('yiwang:chart:'.length) || 'chart'
    u.workerCharts[chart] = (u.workerCharts[chart] ?? 0) + (t.tdur ?? 0) / 1000
  }
  updates.pop() // the last one may be cut off by the end of the trace
  return {
    seconds,
    updates,
    frames: {
      count: frames.length,
      cpu: frames.reduce((a, f) => a + (f.tdur ?? 0), 0) / 1000,
      maxCpu: Math.max(0, ...frames.map((f) => (f.tdur ?? 0) / 1000)),
      over16: frames.filter((f) => (f.tdur ?? 0) > 16_000).length,
    },
    mainWall: tasks.reduce((a, t) => a + (t.dur ?? 0), 0) / 1000,
    mainCpu: tasks.reduce((a, t) => a + (t.tdur ?? 0), 0) / 1000,
    longByWall: tasks.filter((t) => (t.dur ?? 0) >= 50_000).length,
    longByCpu: tasks.filter((t) => (t.tdur ?? 0) >= 50_000).length,
    maxTaskWall: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
    maxTaskCpu: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
  }
}

/** The chart worker's share, when the charts draw in one. */
function workerLines(c: UpdateCost): string[] {
  const charts = [...new Set(c.updates.flatMap((u) => Object.keys(u.workerCharts)))].sort()
  if (!charts.length) return []
  const drew = c.updates.map((u) => Object.values(u.workerCharts).reduce((a, b) => a + b, 0)).filter((x) => x > 0)
  return [
    `off the main thread, the chart worker's redraws, CPU per update that redrew: p50 ${quantile(drew, 0.5).toFixed(1)} ms, p95 ${quantile(drew, 0.95).toFixed(1)} ms (${drew.length} of ${c.updates.length} updates); per chart: ${charts
      .map((k) => {
        const xs = c.updates.map((u) => u.workerCharts[k]).filter((x) => x != null)
        return `${k} p50 ${quantile(xs, 0.5).toFixed(1)} (${xs.length}×)`
      })
      .join(', ')}`,
  ]
}

/** Index of the first of the sorted `xs` not below `x`. */
function lowerBound(xs: number[], x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (xs[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The `p` quantile (0–1) of `xs`. */
export function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN
}

/** Report lines for an {@link UpdateCost}. */
export function formatUpdateCost(c: UpdateCost): string[] {
  const fmt = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, p99 ${quantile(xs, 0.99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`
  const cpu = c.updates.map((u) => u.cpu)
  const wall = c.updates.map((u) => u.wall)
  return [
    `${c.seconds} s traced, ${c.updates.length} updates applied (${(c.updates.length / c.seconds).toFixed(1)}/s)`,
    `update (store → Vue → charts), CPU time of its tasks: ${fmt(cpu)}`,
    `update (store → Vue → charts), wall time of its tasks: ${fmt(wall)}`,
    `update with the frames that render it (style, layout, paint), CPU: ${fmt(c.updates.map((u) => u.cpu + u.frameCpu))}; those frames alone: ${fmt(c.updates.map((u) => u.frameCpu))}`,
    `  of which the store → Vue task, CPU: ${fmt(c.updates.map((u) => u.vueCpu))}; the chart tasks, CPU: ${fmt(c.updates.map((u) => u.cpu - u.vueCpu))}`,
    `  per chart, CPU when it updated: ${[...new Set(c.updates.flatMap((u) => Object.keys(u.charts)))]
      .sort()
      .map((k) => {
        const xs = c.updates.map((u) => u.charts[k]).filter((x) => x != null)
        return `${k} p50 ${quantile(xs, 0.5).toFixed(1)} (${xs.length}×)`
      })
      .join(', ')}`,
    ...workerLines(c),
    `updates over 16 ms: ${cpu.filter((x) => x > 16).length} by CPU, ${wall.filter((x) => x > 16).length} by wall time, of ${c.updates.length}; tasks per update: median ${quantile(c.updates.map((u) => u.tasks), 0.5)}`,
    `long tasks (≥ 50 ms): ${c.longByWall} by wall time, ${c.longByCpu} by CPU time (longest task: wall ${c.maxTaskWall.toFixed(0)} ms, CPU ${c.maxTaskCpu.toFixed(0)} ms)`,
    `all main-thread tasks (frames, CSS animations, socket, updates): ${((c.mainWall / (c.seconds * 1000)) * 100).toFixed(1)}% of wall time busy, ${((c.mainCpu / (c.seconds * 1000)) * 100).toFixed(1)}% CPU; ${(c.mainCpu / Math.max(1, c.updates.length)).toFixed(1)} ms CPU per update`,
    `all main-thread tasks, CPU per second: ${(c.mainCpu / c.seconds).toFixed(1)} ms; frames: ${(c.frames.count / c.seconds).toFixed(1)} a second, ${(c.frames.cpu / c.seconds).toFixed(1)} ms CPU a second; frames over 16 ms of CPU: ${c.frames.over16} (longest ${c.frames.maxCpu.toFixed(1)} ms)`,
  ]
}

/** The target of a tick's update: under 16 ms of main-thread work, and no long task. */
export const TICK_BUDGET_MS = 16

/**
 * What of the target an {@link UpdateCost} misses (empty when met). Always: no long task (≥ 50 ms
 * of wall or CPU time) and the tick's own tasks under budget at p99. With `withFrames` (the load
 * of the product, the simulator's city), also the tick counted with the frame that renders it,
 * under budget at p95.
 */
export function missedTargets(c: UpdateCost, opts: { withFrames: boolean }): string[] {
  const missed: string[] = []
  if (!c.updates.length) return ['no update was applied while tracing']
  if (c.longByWall || c.longByCpu) missed.push(`long tasks: ${c.longByWall} by wall time, ${c.longByCpu} by CPU time`)
  const tasks = quantile(c.updates.map((u) => u.cpu), 0.99)
  if (!(tasks < TICK_BUDGET_MS)) missed.push(`a tick's tasks p99 ${tasks.toFixed(1)} ms ≥ ${TICK_BUDGET_MS} ms`)
  if (opts.withFrames) {
    const framed = quantile(c.updates.map((u) => u.cpu + u.frameCpu), 0.95)
    if (!(framed < TICK_BUDGET_MS)) missed.push(`a tick with its frame p95 ${framed.toFixed(1)} ms ≥ ${TICK_BUDGET_MS} ms`)
  }
  return missed
}
