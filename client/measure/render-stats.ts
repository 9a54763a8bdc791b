/** Main-thread cost of each applied tick (store update → Vue render → its charts' setOption tasks), last 512. */
export interface RenderStats {
  count: number
  /** Durations in ms, a ring buffer. */
  durations: Float64Array
}

const SIZE = 512

/** A fixed ring buffer of tick costs: it cannot grow, however long the page runs. */
export function createRenderStats(): RenderStats & { record: (ms: number) => void } {
  const stats = { count: 0, durations: new Float64Array(SIZE) }
  return Object.assign(stats, {
    record(ms: number): void {
      stats.durations[stats.count % SIZE] = ms
      stats.count++
    },
  })
}
