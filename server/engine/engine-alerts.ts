/** What the engine raises, worded as data (`{ kind, params }`): ticker items and alerts. */
import { CATEGORIES } from '../../shared/categories.ts'
import type { Alert } from '../../shared/alerts.ts'
import { maskPersonalData } from '../../shared/mask.ts'
import { roundLocation } from '../../shared/map-points.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import type { Silence } from '../alerts/feed-watch.ts'
import type { RequestRecord } from './request-record.ts'

/** The fields of a `request.created` a ticker item shows. */
export interface TickerSource {
  requestId: string
  at: string
  category: string
  channel: TickerItem['channel']
  urgency: TickerItem['urgency']
  summary?: string
  location?: [number, number]
}

/** A new request on the ticker: its summary masked, its location rounded. */
export function tickerItem(tree: RegionTree, index: number, e: TickerSource): TickerItem {
  return {
    requestId: e.requestId,
    at: Date.parse(e.at),
    region: tree.nodes[index].code,
    place: tree.place(index),
    category: e.category,
    channel: e.channel,
    urgency: e.urgency,
    summary: e.summary ? maskPersonalData(e.summary) : null,
    location: e.location ? roundLocation(e.location) : null,
  }
}

/** 诉求激增: a category's last hour in a region passed its threshold. */
export function surgeAlert(tree: RegionTree, region: number, category: number, count: number, threshold: number, at: number): Alert {
  const node = tree.nodes[region]
  const cat = CATEGORIES[category]
  // Named by its full place below the city (区 · 街道 · 社区), so a city wall says where.
  const place = tree.place(region) || node.name
  return {
    id: `surge:${node.code}:${category}:${at}`,
    kind: 'surge',
    region: node.code,
    regionName: place,
    at,
    params: { place, category: cat, count, threshold: Math.ceil(threshold) },
  }
}

/** 紧急超期: an urgent request passed its deadline (null for a request that is not urgent). */
export function urgentOverdueAlert(tree: RegionTree, r: RequestRecord): Alert | null {
  if (!r.created?.urgent) return null
  const region = r.created.region
  const place = tree.place(region)
  return {
    id: `urgentOverdue:${r.id}:${r.created.deadline}`,
    kind: 'urgentOverdue',
    region: tree.nodes[region].code,
    regionName: place,
    at: r.created.deadline,
    params: { requestId: r.id, category: CATEGORIES[r.created.category], place, ...(r.state?.department ? { department: r.state.department } : {}) },
  }
}

/** 数据中断: the feed has been silent longer than its history expects. */
export function staleAlert(tree: RegionTree, { silentMs, expected, since }: Silence, now: number): Alert {
  const root = tree.root
  return {
    // One alert per silence, whatever restarts happen during it.
    id: `feedStale:${since}`,
    kind: 'feedStale',
    region: root.code,
    regionName: root.name,
    at: now,
    params: { minutes: Math.round(silentMs / 60_000), ...(expected === null ? {} : { expected: Math.round(expected) }) },
  }
}
