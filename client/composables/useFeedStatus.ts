import { createSharedComposable, useNow } from '@vueuse/core'
import { computed, type ComputedRef } from 'vue'
import { useWallStore } from '../stores/wall.ts'
import { feedStatus, type FeedStatus } from './feed-status.ts'

/** What {@link useFeedStatus} returns. */
export interface UseFeedStatusReturn {
  status: ComputedRef<FeedStatus>
  /** Time since the server last confirmed the figures on screen (ms), or null before the first snapshot. */
  ageMs: ComputedRef<number | null>
  now: ComputedRef<number>
  /** Age of the data itself: server time since the last event was ingested (ms), or null before any. */
  dataAgeMs: ComputedRef<number | null>
}

function feedStatusState(): UseFeedStatusReturn {
  const store = useWallStore()
  const clock = useNow({ interval: 500 })
  const now = computed(() => clock.value.getTime())
  const status = computed(() => feedStatus(store.connected, store.confirmedAt, now.value, store.tickMs(), store.storeHealthy))
  const ageMs = computed(() => {
    const s = store.snapshot
    if (!s || store.confirmedAt == null) return null
    return Math.max(0, now.value - store.confirmedAt)
  })
  const dataAgeMs = computed(() => (store.lastEventAt == null ? null : Math.max(0, now.value + store.skewMs - store.lastEventAt)))
  return { status, ageMs, now, dataAgeMs }
}

/**
 * Live/stale state and data age, re-evaluated every 500 ms; one clock shared by every component
 * of the page that asks. Read `now`/`ageMs` only in the small components that show them: whatever
 * render reads them runs twice a second.
 */
export const useFeedStatus: () => UseFeedStatusReturn = createSharedComposable(feedStatusState)
