/** 督办清单: the requests overdue at the end of a day under a region, urgent and most recent first. */
import { CATEGORIES } from '../../shared/categories.ts'
import type { Briefing, OverdueItem } from '../../shared/briefing-types.ts'
import { dayStartMs, DAY_MS, HOUR_MS } from '../../shared/time-windows.ts'
import type { Aggregator } from '../engine/aggregator.ts'
import { endOfDay } from './day-history.ts'
import { departmentAt, type OverdueIndex } from './overdue-index.ts'
import { subtreeRange } from './subtree.ts'

/** The total overdue at 24:00 of `day` (exact), the first `max` items and the counts by age. */
export function overdueList(agg: Aggregator, index: number, day: number, idx: OverdueIndex, max: number): Briefing['overdue'] {
  const tree = agg.tree
  const [lo, hi] = subtreeRange(tree, index)
  const expected = endOfDay(agg.statsOf(index), day).overdue
  let hits = idx.overdueAt(day, lo, hi)
  // Fewer than the exact counter says: a late event made a request a candidate since the last build.
  if (hits.length !== expected && idx.version !== agg.version(0)) {
    idx.rebuild()
    hits = idx.overdueAt(day, lo, hi)
  }
  const end = dayStartMs(day + 1)
  const byAge = { day: 0, week: 0, older: 0 }
  for (const r of hits) {
    const late = end - r.created!.deadline
    byAge[late <= DAY_MS ? 'day' : late <= 7 * DAY_MS ? 'week' : 'older']++
  }
  // Urgent first, then the most recently overdue: what can still be saved comes before the long tail.
  const ordered = [...hits].sort((a, b) => Number(b.created!.urgent) - Number(a.created!.urgent) || b.created!.deadline - a.created!.deadline || (a.id < b.id ? -1 : 1))
  const items: OverdueItem[] = ordered.slice(0, max).map((r) => {
    const c = r.created!
    return {
      requestId: r.id,
      region: tree.nodes[c.region].code,
      place: tree.place(c.region),
      category: CATEGORIES[c.category],
      department: departmentAt(r.events, end - 1),
      summary: r.summary ?? null,
      urgent: c.urgent,
      created: c.at,
      deadline: c.deadline,
      hoursOverdue: Math.floor((end - c.deadline) / HOUR_MS),
    }
  })
  return { total: hits.length, items, byAge }
}
