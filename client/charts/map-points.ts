/**
 * The map's point layer: today's requests that carry a `location`, clustered on a px grid so a busy
 * community is one sized dot with its count, not a pile of overlapping ones.
 */
import type { MapPointState, RegionPoints } from '../../shared/map-points.ts'
import type { TickerItem } from '../../shared/ticker.ts'

/** A located request of the point layer: from the day's list (`/points`) or a live ticker item. */
export interface MapPoint {
  /** Created at, category and rounded location: the same request from either source has the same key. */
  key: string
  at: number
  category: string
  location: [number, number]
  state: MapPointState
}

/** A cluster of points in panel px. */
export interface PointCluster {
  key: string
  x: number
  y: number
  count: number
  /** Members overdue (超期), completed (办结), and closed without 办结 (未办结关闭). */
  overdue: number
  completed: number
  unresolved: number
}

/** How a cluster is drawn: red when one is overdue; closed only when all its members are. */
export type ClusterLook = 'overdue' | 'open' | 'done' | 'unresolved'

/** A cluster's look: any 超期 is red; all closed is 办结 green, or grey when one closed without 办结. */
export const clusterLook = (c: PointCluster): ClusterLook =>
  c.overdue > 0 ? 'overdue' : c.completed + c.unresolved < c.count ? 'open' : c.unresolved > 0 ? 'unresolved' : 'done'

/** Most points kept (the oldest drop off first): the server's default per-day cap. */
export const MAX_POINTS = 20_000

const keyOf = (at: number, category: string, l: readonly [number, number]) => `${at}|${category}|${l[0]},${l[1]}`

/** The day's list from the server as map points. */
export const serverPoints = (list: RegionPoints): MapPoint[] => list.points.map((p) => ({ ...p, key: keyOf(p.at, p.category, p.location) }))

/**
 * Adds the ticker's located items to `points` (once: by created at, category and location, so an
 * item already in the day's list is not added again), as open; drops those before `dayStart`, and
 * keeps the newest {@link MAX_POINTS}. Returns the same array when nothing changed.
 */
export function mergePoints(points: MapPoint[], items: readonly TickerItem[], dayStart: number): MapPoint[] {
  const seen = new Set(points.map((p) => p.key))
  const fresh: MapPoint[] = []
  for (const i of items) {
    if (!i.location || i.at < dayStart) continue
    const key = keyOf(i.at, i.category, i.location)
    if (seen.has(key)) continue
    seen.add(key)
    fresh.push({ key, at: i.at, category: i.category, location: i.location, state: 'open' })
  }
  const stale = points.length > 0 && points[0].at < dayStart
  if (!fresh.length && !stale) return points
  return [...points.filter((p) => p.at >= dayStart), ...fresh].sort((a, b) => a.at - b.at).slice(-MAX_POINTS)
}

/** Clusters px positions on a `cell`-px grid; each cluster sits at its members' mean. */
export function clusterPoints(points: readonly { xy: readonly [number, number]; state: MapPointState }[], cell = 28): PointCluster[] {
  const bins = new Map<string, { sx: number; sy: number; count: number; overdue: number; completed: number; unresolved: number }>()
  for (const p of points) {
    const key = `${Math.floor(p.xy[0] / cell)}:${Math.floor(p.xy[1] / cell)}`
    const b = bins.get(key) ?? { sx: 0, sy: 0, count: 0, overdue: 0, completed: 0, unresolved: 0 }
    b.sx += p.xy[0]
    b.sy += p.xy[1]
    b.count++
    if (p.state === 'overdue') b.overdue++
    else if (p.state === 'completed') b.completed++
    else if (p.state === 'unresolved') b.unresolved++
    bins.set(key, b)
  }
  return [...bins].map(([key, b]) => ({ key, x: b.sx / b.count, y: b.sy / b.count, count: b.count, overdue: b.overdue, completed: b.completed, unresolved: b.unresolved }))
}

/** A cluster's dot diameter in px: grows with the square root of its count. */
export const clusterSize = (count: number): number => Math.round(Math.min(44, 10 + 6 * Math.sqrt(count - 1)))
