import { shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'
import type { DayHotWords, DepartmentRanking } from '../../shared/department-types.ts'
import { viewerToken } from '../api/token.ts'

/** The department page's data: rankings over the 7 days and the month ending the day, and the day's hot words. */
export interface DepartmentBriefing {
  week: DepartmentRanking
  month: DepartmentRanking
  words: DayHotWords
}

async function get<T>(url: string, signal: AbortSignal): Promise<T> {
  const token = viewerToken()
  const res = await fetch(url, { signal, headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
  return (await res.json()) as T
}

/** Fetches the department page's data whenever the region or the briefing's date changes (null until then, or on failure). */
export function useDepartmentBriefing(source: WatchSource<{ region: string; date: string | null }>): ShallowRef<DepartmentBriefing | null> {
  const data = shallowRef<DepartmentBriefing | null>(null)
  watch(
    source,
    async ({ region, date }, _old, onCleanup) => {
      data.value = null
      if (!date) return
      const ctrl = new AbortController()
      onCleanup(() => ctrl.abort())
      const base = `/api/v1/regions/${encodeURIComponent(region)}`
      const d = encodeURIComponent(date)
      try {
        const [week, month, words] = await Promise.all([
          get<DepartmentRanking>(`${base}/departments?window=7d&date=${d}`, ctrl.signal),
          get<DepartmentRanking>(`${base}/departments?window=month&date=${d}`, ctrl.signal),
          get<DayHotWords>(`${base}/hot-words?date=${d}`, ctrl.signal).catch(() => ({ region, date, words: null })),
        ])
        data.value = { week, month, words }
      } catch {
        if (!ctrl.signal.aborted) data.value = null
      }
    },
    { immediate: true, deep: true },
  )
  return data
}
