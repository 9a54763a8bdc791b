/** Main-thread cost of each applied tick (store update → Vue render → its charts' setOption tasks), last 512. */
export interface RenderStats {
  count: number
  /** Durations in ms, a ring buffer. */
  durations: Float64Array
}

const SIZE = 512
const stats: RenderStats = { count: 0, durations: new Float64Array(SIZE) }

/** Records one tick's update cost. */
export function recordRender(ms: number): void {
  stats.durations[stats.count % SIZE] = ms
  stats.count++
}

// Read by the soak benchmark through the page; a fixed buffer, so it cannot grow.
if (typeof window !== 'undefined') (window as unknown as { __yiwangRenderStats: RenderStats }).__yiwangRenderStats = stats

/**
 * A User Timing mark for Chromium traces (the update-cost benchmark finds a tick's tasks by it),
 * cleared at once so a wall running for weeks keeps no performance entries.
 */
export function traceMark(name: 'yiwang:update' | `yiwang:chart:${string}`): void {
  if (typeof performance === 'undefined' || !performance.mark) return
  performance.mark(name)
  performance.clearMarks(name)
}
