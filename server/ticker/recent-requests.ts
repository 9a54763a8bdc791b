/**
 * The last requests of a region's subtree, for a wall's ticker on load: the newest `n` requests the
 * engine holds (every open request and every request closed in the last days), personal data masked
 * (summaries are stored masked). One pass over the requests held, keeping the best `n`.
 */
import { CATEGORIES } from '../../shared/categories.ts'
import { CHANNELS } from '../../shared/events.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import type { Aggregator } from '../engine/aggregator.ts'
import { subtreeRange } from '../briefing/subtree.ts'

/** Items a wall asks for by default and at most. */
export const RECENT_DEFAULT = 30
export const RECENT_MAX = 100

/** The newest `n` requests created in the subtree of region `index` at or before `now`, newest first. */
export function recentRequests(agg: Aggregator, index: number, n: number, now: number): TickerItem[] {
  const tree = agg.tree
  const [lo, hi] = subtreeRange(tree, index)
  const top: { at: number; id: string; r: NonNullable<ReturnType<Aggregator['requests']['get']>> }[] = []
  for (const r of agg.requests.values()) {
    const c = r.created
    if (!c || c.region < lo || c.region >= hi || c.at > now || r.state?.valid === false) continue
    if (top.length === n && c.at <= top[n - 1].at) continue
    let j = Math.min(top.length, n - 1)
    while (j > 0 && c.at > top[j - 1].at) j--
    top.splice(j, 0, { at: c.at, id: r.id, r })
    if (top.length > n) top.pop()
  }
  return top.map(({ r }) => {
    const c = r.created!
    return {
      requestId: r.id,
      at: c.at,
      region: tree.nodes[c.region].code,
      place: tree.place(c.region),
      category: CATEGORIES[c.category] ?? '其他',
      channel: CHANNELS[c.channel] ?? 'other',
      urgency: c.urgent ? 'urgent' : 'normal',
      summary: r.summary ?? null,
      location: null,
    }
  })
}
