import { computed, shallowRef, watch, type ComputedRef, type Ref } from 'vue'
import type { RegionPoints } from '../../shared/map-points.ts'
import { dayIndex, dayStartMs } from '../../shared/time-windows.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { getJson } from '../api/http.ts'
import { mergePoints, serverPoints, type MapPoint } from '../charts/map-points.ts'

/** The point layer of the region shown, kept across page changes (a drill-down remounts the page). */
const points = shallowRef<MapPoint[]>([])
const shownFor = shallowRef<string | null>(null)

/**
 * The point layer's requests: the region's located requests of today (Asia/Shanghai) as the
 * server keeps them (`GET …/points?date=today`, loaded on open and on every change of region, so a
 * reloaded wall shows the day's points), then each ticker item with a `location` as it arrives;
 * optionally of one category (`?points=<category>`). `enabled` false loads nothing.
 */
export function usePointLayer(
  region: Ref<string>,
  ticker: Ref<TickerItem[]>,
  category: Ref<string | null>,
  enabled: Ref<boolean>,
  now: () => number = Date.now,
): ComputedRef<MapPoint[]> {
  const dayStart = () => dayStartMs(dayIndex(now()))
  let loading: AbortController | null = null
  watch(
    [region, enabled],
    ([code, on]) => {
      loading?.abort()
      if (!on) return
      if (shownFor.value !== code) points.value = []
      shownFor.value = code
      const ctl = (loading = new AbortController())
      getJson<RegionPoints>(`/api/v1/regions/${encodeURIComponent(code)}/points?date=today`, ctl.signal)
        // Live items that came while the list was on its way are merged in again (once each).
        .then((list) => (points.value = mergePoints(serverPoints(list), ticker.value, dayStart())))
        .catch(() => {
          // Offline or refused: the layer keeps what it has and goes on with live items.
        })
    },
    { immediate: true },
  )
  watch(ticker, (items) => (points.value = mergePoints(points.value, items, dayStart())), { immediate: true })
  return computed(() => (category.value ? points.value.filter((p) => p.category === category.value) : points.value))
}
