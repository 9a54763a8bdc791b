/** The briefing's hot communities (热点社区): the busiest communities of the day under a region. */
import { LRUCache } from 'lru-cache'
import { CATEGORIES } from '../../shared/categories.ts'
import { CAT_BASE, F } from '../../shared/kpi/bucket-fields.ts'
import type { HotCommunity } from '../../shared/briefing-types.ts'
import type { Aggregator } from '../engine/aggregator.ts'
import { dayBucket } from './day-history.ts'
import { childToward, levelUnder } from './subtree.ts'

const hotCache = new WeakMap<Aggregator, LRUCache<string, { at: number; hot: HotCommunity[] }>>()
/** How long a hot list is reused while the region's counts of the day are unchanged. */
const HOT_TTL_MS = 60_000

/**
 * {@link hotCommunities}, reused while the region's accepted and category counts of the day are the
 * same: any request created or invalidated on that day below the region changes them, so a reuse
 * can only miss two changes that cancel out within a minute.
 */
export function cachedHot(agg: Aggregator, index: number, day: number, now: number, n: number): HotCommunity[] {
  const b = dayBucket(agg.statsOf(index), day)
  const key = `${index}:${day}:${n}:${b.subarray(CAT_BASE, CAT_BASE + CATEGORIES.length).join(',')}`
  let cache = hotCache.get(agg)
  // The age is checked against the injected clock (`now`), not lru-cache's own TTL timer.
  if (!cache) hotCache.set(agg, (cache = new LRUCache({ max: 1024 })))
  const hit = cache.get(key)
  if (hit && now - hit.at < HOT_TTL_MS) return hit.hot
  const hot = hotCommunities(agg, index, day, n)
  cache.set(key, { at: now, hot })
  return hot
}

/**
 * The `n` communities with most requests on `day`, most first (ties in tree order). Streets are
 * visited busiest first and skipped once their total is below the n-th best community, so a
 * province reads a few thousand buckets rather than every community's.
 */
export function hotCommunities(agg: Aggregator, index: number, day: number, n: number): HotCommunity[] {
  const tree = agg.tree
  const accepted = (i: number) => agg.stats[i]?.dayAt(day)?.[F.accepted] ?? 0
  const level = tree.nodes[index].level
  if (accepted(index) <= 0) return []
  const streets = level === 'community' || level === 'grid' ? [] : [...levelUnder(tree, index, 'street')]
  const groups = streets.map((s) => ({ s, v: accepted(s) })).filter((g) => g.v > 0).sort((a, b) => b.v - a.v)
  const top: { i: number; v: number }[] = []
  const better = (a: { i: number; v: number }, b: { i: number; v: number }) => a.v > b.v || (a.v === b.v && a.i < b.i)
  const offer = (i: number) => {
    const v = accepted(i)
    const x = { i, v }
    if (v <= 0 || (top.length === n && !better(x, top[n - 1]))) return
    let j = Math.min(top.length, n - 1)
    while (j > 0 && better(x, top[j - 1])) j--
    top.splice(j, 0, x)
    if (top.length > n) top.pop()
  }
  if (level === 'community') offer(index)
  for (const g of groups) {
    if (top.length === n && g.v < top[n - 1].v) break
    for (const c of tree.childIndices(g.s)) if (tree.nodes[c].level === 'community') offer(c)
  }
  return top.map(({ i, v }) => {
    const b = agg.stats[i]!.dayAt(day)!
    let best = -1
    for (let c = 0; c < CATEGORIES.length; c++) if (b[CAT_BASE + c] > 0 && (best < 0 || b[CAT_BASE + c] > b[CAT_BASE + best])) best = c
    const cn = tree.nodes[i]
    return {
      code: cn.code,
      name: cn.name,
      place: tree.place(i),
      child: tree.nodes[childToward(tree, index, i)].code,
      accepted: v,
      topCategory: best < 0 ? null : CATEGORIES[best],
    }
  })
}
