import { useIntervalFn } from '@vueuse/core'
import { shallowRef, watch, type ComputedRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { fetchRegion } from '../api/http.ts'
import { nextTourStop } from './tour.ts'

/**
 * Kiosk tour (`?tour=60`): every period, go to the next child of the tour's base region
 * (`?base=`, the region the tour started on), then back to the base.
 */
export function useTour(periodSec: ComputedRef<number | null>, region: ComputedRef<string>): void {
  const route = useRoute()
  const router = useRouter()
  const base = () => (typeof route.query.base === 'string' ? route.query.base : region.value)
  const children = shallowRef<string[]>([])

  watch(
    () => (periodSec.value ? base() : null),
    async (code, _old, onCleanup) => {
      children.value = []
      if (!code) return
      const ctrl = new AbortController()
      onCleanup(() => ctrl.abort())
      try {
        children.value = (await fetchRegion(code, ctrl.signal)).children.map((c) => c.code)
      } catch {
        // The next period tries the current children list again.
      }
    },
    { immediate: true },
  )

  const { pause, resume } = useIntervalFn(
    () => {
      const next = nextTourStop(base(), children.value, region.value)
      void router.replace({ name: 'wall', params: { region: next }, query: { ...route.query, base: base() } })
    },
    () => (periodSec.value ?? 60) * 1000,
    { immediate: false },
  )
  watch(periodSec, (p) => (p ? resume() : pause()), { immediate: true })
}
