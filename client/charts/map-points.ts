/**
 * The map's point layer: requests that carry a `location`, clustered on a px grid so a busy
 * community is one sized dot with its count, not a pile of overlapping ones.
 */
import type { TickerItem } from '../../shared/ticker.ts'

/** A located request kept for the point layer. */
export interface MapPoint {
  id: string
  at: number
  category: string
  location: [number, number]
  urgent: boolean
}

/** A cluster of points in panel px. */
export interface PointCluster {
  key: string
  x: number
  y: number
  count: number
  urgent: number
}

/** Most points kept per day (the oldest drop off first). */
export const MAX_POINTS = 5000

/**
 * Adds the ticker's located items to `points` (by id, once), drops those before `dayStart`, and
 * keeps the newest {@link MAX_POINTS}. Returns the same array when nothing changed.
 */
export function mergePoints(points: MapPoint[], items: readonly TickerItem[], dayStart: number): MapPoint[] {
  const seen = new Set(points.map((p) => p.id))
  const fresh = items
    .filter((i) => i.location && i.at >= dayStart && !seen.has(i.requestId))
    .map((i): MapPoint => ({ id: i.requestId, at: i.at, category: i.category, location: i.location!, urgent: i.urgency === 'urgent' }))
  const stale = points.length > 0 && points[0].at < dayStart
  if (!fresh.length && !stale) return points
  return [...points.filter((p) => p.at >= dayStart), ...fresh].sort((a, b) => a.at - b.at).slice(-MAX_POINTS)
}

/** Clusters px positions on a `cell`-px grid; each cluster sits at its members' mean. */
export function clusterPoints(points: readonly { xy: readonly [number, number]; urgent: boolean }[], cell = 28): PointCluster[] {
  const bins = new Map<string, { sx: number; sy: number; count: number; urgent: number }>()
  for (const p of points) {
    const key = `${Math.floor(p.xy[0] / cell)}:${Math.floor(p.xy[1] / cell)}`
    const b = bins.get(key) ?? { sx: 0, sy: 0, count: 0, urgent: 0 }
    b.sx += p.xy[0]
    b.sy += p.xy[1]
    b.count++
    if (p.urgent) b.urgent++
    bins.set(key, b)
  }
  return [...bins].map(([key, b]) => ({ key, x: b.sx / b.count, y: b.sy / b.count, count: b.count, urgent: b.urgent }))
}

/** A cluster's dot diameter in px: grows with the square root of its count. */
export const clusterSize = (count: number): number => Math.round(Math.min(44, 10 + 6 * Math.sqrt(count - 1)))
