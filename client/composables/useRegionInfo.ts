import { useIntervalFn } from '@vueuse/core'
import { watch, type Ref } from 'vue'
import { fetchAlerts, fetchRegion } from '../api/http.ts'
import { useWallStore } from '../stores/wall.ts'

/** Loads the region's node, path, children and recent alerts into the store, retrying until it succeeds. */
export function useRegionInfo(region: Ref<string>): void {
  const store = useWallStore()
  let ctrl: AbortController | null = null
  const load = async () => {
    ctrl?.abort()
    const mine = (ctrl = new AbortController())
    const code = region.value
    try {
      const [info, alerts] = await Promise.all([fetchRegion(code, mine.signal), fetchAlerts(code, mine.signal)])
      if (code !== region.value) return
      store.info = info
      for (const a of alerts.slice(0, 20)) store.pushAlert(a)
    } catch {
      // Retried by the interval below.
    }
  }
  watch(region, load, { immediate: true })
  useIntervalFn(() => {
    if (!store.info) void load()
  }, 5000)
}
