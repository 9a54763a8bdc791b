import { useEventListener, useIntervalFn } from '@vueuse/core'
import { computed, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { fetchSnapshot } from '../api/http.ts'
import { createTourClock, expandStops, tourChildren, type ChildLoad, type TourStop } from './tour.ts'

/** What {@link useTour} returns, for the indicator. */
export interface UseTourReturn {
  active: ComputedRef<boolean>
  paused: ShallowRef<boolean>
  /** Seconds left at this stop. */
  remaining: ShallowRef<number>
  /** 1-based number of this stop and the stop count. */
  index: ComputedRef<number>
  count: ComputedRef<number>
  next: ComputedRef<TourStop | null>
  /** Region names known to the tour (the base and its children). */
  names: ShallowRef<Map<string, string>>
}

/** Interaction pauses every page's tour until idle: shared, since each stop remounts the page. */
const shared = { lastInteraction: -Infinity }

/** Parses `?idle=` seconds (at least 5); 30 when absent. */
export const parseIdle = (v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : NaN
  return Number.isFinite(n) && n >= 5 ? n : 30
}

/**
 * Kiosk tour and carousel (`?tour=60`, `?stops=city,worst3,overdue,briefing`, `?idle=30`): every
 * period the next stop of the base region (`?base=`, the region it started on); `?stop=` is the
 * current stop. A click, key or wheel pauses it, and it resumes after `idle` seconds without one.
 */
export function useTour(periodSec: Ref<number | null>, region: Ref<string>, page: 'wall' | 'briefing' = 'wall', now: () => number = Date.now): UseTourReturn {
  const route = useRoute()
  const router = useRouter()
  const base = () => (typeof route.query.base === 'string' ? route.query.base : region.value)
  const children = shallowRef<ChildLoad[]>([])
  const names = shallowRef(new Map<string, string>())
  const active = computed(() => periodSec.value != null)

  watch(
    () => (periodSec.value ? base() : null),
    async (code, _old, onCleanup) => {
      if (!code) return
      const ctrl = new AbortController()
      onCleanup(() => ctrl.abort())
      try {
        const s = await fetchSnapshot(code, ctrl.signal)
        children.value = tourChildren(s)
        names.value = new Map([[s.region, s.name], ...s.children.map((c) => [c.code, c.name] as const)])
      } catch {
        // The stops stay the base alone until the next page loads them.
      }
    },
    { immediate: true },
  )

  const stops = computed(() => expandStops(typeof route.query.stops === 'string' ? route.query.stops : null, base(), children.value))
  const current = computed(() => {
    const given = Number(route.query.stop)
    if (Number.isInteger(given) && given >= 0 && given < stops.value.length) return given
    return stops.value.findIndex((s) => s.page === page && s.region === region.value)
  })
  const next = computed(() => (stops.value.length ? stops.value[(current.value + 1) % stops.value.length] : null))

  const idleMs = () => parseIdle(route.query.idle) * 1000
  let clock = createTourClock((periodSec.value ?? 60) * 1000, idleMs(), now(), shared)
  watch(periodSec, (p) => (clock = createTourClock((p ?? 60) * 1000, idleMs(), now(), shared)))
  const paused = shallowRef(clock.paused(now()))
  const remaining = shallowRef(clock.remaining(now()))

  const advance = () => {
    const stop = next.value
    if (!stop) return
    const query = { ...route.query, ...stop.query, base: base(), stop: String((current.value + 1) % stops.value.length) }
    void router.replace({ name: stop.page, params: { region: stop.region }, query })
  }
  const { pause, resume } = useIntervalFn(
    () => {
      const t = now()
      if (clock.due(t)) advance()
      paused.value = clock.paused(t)
      remaining.value = clock.remaining(t)
    },
    250,
    { immediate: false },
  )
  watch(active, (a) => (a ? resume() : pause()), { immediate: true })
  const interact = () => {
    if (!active.value) return
    clock.interact(now())
    paused.value = true
    remaining.value = clock.remaining(now())
  }
  if (typeof window !== 'undefined') {
    useEventListener(window, 'pointerdown', interact, { capture: true, passive: true })
    useEventListener(window, 'keydown', interact, { capture: true, passive: true })
    useEventListener(window, 'wheel', interact, { capture: true, passive: true })
  }

  return { active, paused, remaining, index: computed(() => current.value + 1), count: computed(() => stops.value.length), next, names }
}
