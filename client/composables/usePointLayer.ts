import { computed, shallowRef, watch, type ComputedRef, type Ref } from 'vue'
import { dayIndex, dayStartMs } from '../../shared/time-windows.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { mergePoints, type MapPoint } from '../charts/map-points.ts'

/** Today's located requests seen by this page, kept across page changes (a drill-down remounts the page). */
const points = shallowRef<MapPoint[]>([])

/**
 * The point layer's requests: every ticker item with a `location` since the wall opened today
 * (Asia/Shanghai day), optionally of one category (`?points=<category>`).
 */
export function usePointLayer(ticker: Ref<TickerItem[]>, category: Ref<string | null>, now: () => number = Date.now): ComputedRef<MapPoint[]> {
  watch(ticker, (items) => (points.value = mergePoints(points.value, items, dayStartMs(dayIndex(now())))), { immediate: true })
  return computed(() => (category.value ? points.value.filter((p) => p.category === category.value) : points.value))
}
