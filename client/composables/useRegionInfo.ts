import { useIntervalFn } from '@vueuse/core'
import { watch, type Ref } from 'vue'
import { fetchAlerts, fetchRecentRequests, fetchRegion } from '../api/http.ts'
import { useWallStore } from '../stores/wall.ts'

/**
 * Loads the region's node, path, children, recent alerts and last requests (the ticker is full on
 * load, not only after the next request) into the store, retrying until it succeeds.
 */
export function useRegionInfo(region: Ref<string>): void {
  const store = useWallStore()
  let ctrl: AbortController | null = null
  const load = async () => {
    ctrl?.abort()
    const mine = (ctrl = new AbortController())
    const code = region.value
    try {
      const [info, alerts, recent] = await Promise.all([fetchRegion(code, mine.signal), fetchAlerts(code, mine.signal), fetchRecentRequests(code, mine.signal)])
      if (code !== region.value) return
      store.info = info
      for (const a of alerts.slice(0, 20)) store.pushAlert(a)
      // Oldest first, as a frame brings them; lines already shown from a frame are not repeated.
      if (recent.length) store.pushTicker(recent.slice().reverse())
    } catch {
      // Retried by the interval below.
    }
  }
  watch(region, load, { immediate: true })
  useIntervalFn(() => {
    if (!store.info) void load()
  }, 5000)
}
