import { shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'
import type { Briefing, BriefingError } from '../../shared/briefing-types.ts'
import { viewerToken } from '../api/token.ts'

/** What {@link useBriefingData} returns. */
export interface UseBriefingDataReturn {
  briefing: ShallowRef<Briefing | null>
  /** The server's reason (Chinese and English) when there is no briefing. */
  error: ShallowRef<{ zh: string; en: string } | null>
  loading: ShallowRef<boolean>
}

/** Fetches `GET /api/v1/regions/:code/briefing?date=` whenever the region or date changes. */
export function useBriefingData(source: WatchSource<{ region: string; date: string | null }>): UseBriefingDataReturn {
  const briefing = shallowRef<Briefing | null>(null)
  const error = shallowRef<{ zh: string; en: string } | null>(null)
  const loading = shallowRef(false)
  watch(
    source,
    async ({ region, date }, _old, onCleanup) => {
      const ctrl = new AbortController()
      onCleanup(() => ctrl.abort())
      loading.value = true
      error.value = null
      const token = viewerToken()
      const q = date ? `?date=${encodeURIComponent(date)}` : ''
      try {
        const res = await fetch(`/api/v1/regions/${encodeURIComponent(region)}/briefing${q}`, {
          signal: ctrl.signal,
          headers: token ? { Authorization: `Bearer ${token}` } : {},
        })
        const body = (await res.json()) as Briefing | BriefingError
        if ('error' in body) {
          briefing.value = null
          error.value = { zh: body.errorZh ?? body.error, en: body.error }
        } else briefing.value = body
      } catch (e) {
        if (ctrl.signal.aborted) return
        briefing.value = null
        error.value = { zh: `简报加载失败：${String(e)}`, en: `Could not load the briefing: ${String(e)}` }
      } finally {
        if (!ctrl.signal.aborted) loading.value = false
      }
    },
    { immediate: true, deep: true },
  )
  return { briefing, error, loading }
}
