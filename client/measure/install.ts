/**
 * The measurement installed behind `measure` when the wall is opened with `?trace=1`: User Timing
 * marks for traces, the first-data mark, and each tick's cost in `window.__yiwangRenderStats`
 * (read by `bench/wall/heap-soak.ts`). Loaded on demand: the product's bundle does not carry it.
 */
import { nextTick } from 'vue'
import { liveChartUpdates } from '../pacing/update-queue.ts'
import { installMeasureHook } from './hook.ts'
import { createRenderStats, type RenderStats } from './render-stats.ts'
import { traceMark } from './user-timing.ts'

/** Performance mark set when a region's first figures are applied (`bench/wall/first-data.ts`). */
export const FIRST_DATA_MARK = 'yiwang:first-data'

declare global {
  interface Window {
    __yiwangRenderStats?: RenderStats
  }
}

/** Installs the measurement for this page. */
export function installMeasurement(): void {
  const stats = createRenderStats()
  window.__yiwangRenderStats = stats
  installMeasureHook({
    mark: traceMark,
    tick() {
      const t0 = performance.now()
      traceMark('yiwang:update')
      // Called after the store's mutations, so the nextTick runs once Vue has re-rendered; the
      // charts' updates follow in their own tasks and count towards this tick once they have all run.
      return () => void nextTick(() => {
        const sync = performance.now() - t0
        liveChartUpdates.whenIdle((charts) => stats.record(sync + charts))
      })
    },
    firstData() {
      // One mark at a time: a touring wall would otherwise pile up an entry per region visited.
      performance.clearMarks(FIRST_DATA_MARK)
      performance.mark(FIRST_DATA_MARK)
    },
  })
}
