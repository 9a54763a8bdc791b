import type { Static } from '@sinclair/typebox'
import type { Alert } from '../../shared/alerts.ts'
import type { MetaSchema } from '../../shared/api-schemas.ts'
import type { RegionFeatureCollection } from '../../shared/geo-types.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { RegionInfo } from '../../shared/region-types.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { viewerToken } from './token.ts'

/** Answers of the API, as the server's schemas describe them (`shared/api-schemas.ts`). */
export type RegionGeo = RegionFeatureCollection
/** `GET /api/v1/meta`: the pack's root, the wall title and the push tick. */
export type Meta = Static<typeof MetaSchema>

/** Fallbacks until the server says otherwise. */
export const DEFAULT_ROOT = '2103'
export const DEFAULT_TICK_MS = 1000

/** Fetches JSON from the same origin, with the viewer token as a Bearer header. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const token = viewerToken()
  const res = await fetch(path, { signal, headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return (await res.json()) as T
}

const enc = encodeURIComponent

/** Region node, path and children. */
export const fetchRegion = (code: string, signal?: AbortSignal) => getJson<RegionInfo>(`/api/v1/regions/${enc(code)}`, signal)
/** The region's KPI snapshot over HTTP (the tour ranks a region's children by it). */
export const fetchSnapshot = (code: string, signal?: AbortSignal) => getJson<Snapshot>(`/api/v1/regions/${enc(code)}/snapshot`, signal)
/** Boundaries (or schematic cells) of the region's children. */
export const fetchGeo = (code: string, signal?: AbortSignal) => getJson<RegionGeo>(`/api/v1/regions/${enc(code)}/geo`, signal)

/** The server's meta, or null when it cannot be read (the wall then uses the defaults above). */
export async function fetchMeta(): Promise<Meta | null> {
  try {
    return await getJson<Meta>('/api/v1/meta')
  } catch {
    return null
  }
}

/** The region's last requests, newest first (masked), for the ticker on load. */
export async function fetchRecentRequests(code: string, signal?: AbortSignal): Promise<TickerItem[]> {
  return await getJson<TickerItem[]>(`/api/v1/regions/${enc(code)}/ticker`, signal)
}

/** Recent alerts in the region's subtree, newest first (empty when they cannot be read). */
export async function fetchAlerts(code: string, signal?: AbortSignal): Promise<Alert[]> {
  try {
    return await getJson<Alert[]>(`/api/v1/regions/${enc(code)}/alerts`, signal)
  } catch {
    return []
  }
}
