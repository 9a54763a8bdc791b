/** The day's categories of a briefing: count, share, D−1, D−7 and the 7-day average. */
import { CATEGORIES } from '../../shared/categories.ts'
import { CAT_BASE, F } from '../../shared/kpi/bucket-fields.ts'
import type { CategoryFigure } from '../../shared/briefing-types.ts'
import type { RegionStats } from '../engine/region-stats.ts'
import { dayBucket } from './day-history.ts'

/** Categories with requests on `day`, most first; comparisons are null when their days are not kept. */
export function categoriesOf(s: RegionStats | undefined, day: number, has: (d: number) => boolean): CategoryFigure[] {
  const b = dayBucket(s, day)
  const total = b[F.accepted]
  const prev = has(day - 1) ? dayBucket(s, day - 1) : null
  const week = has(day - 7) ? dayBucket(s, day - 7) : null
  const last7 = has(day - 7) ? [1, 2, 3, 4, 5, 6, 7].map((k) => dayBucket(s, day - k)) : null
  const out: CategoryFigure[] = []
  CATEGORIES.forEach((category, i) => {
    const f = CAT_BASE + i
    const accepted = b[f]
    if (accepted <= 0) return
    out.push({
      category,
      accepted,
      share: total > 0 ? accepted / total : 0,
      prevDay: prev ? prev[f] : null,
      lastWeek: week ? week[f] : null,
      avg7: last7 ? last7.reduce((a, x) => a + x[f], 0) / 7 : null,
    })
  })
  return out.sort((a, b) => b.accepted - a.accepted || CATEGORIES.indexOf(a.category as never) - CATEGORIES.indexOf(b.category as never))
}
