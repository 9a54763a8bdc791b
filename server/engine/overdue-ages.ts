/**
 * 超期 by age (今日新增 / 本周 / 更早) for every region: the open overdue requests counted by the day
 * their deadline passed. Open requests always stay in memory, so a scan of them is exact; it runs
 * at most every `everyMs` (the push tick asks), costing one pass over the requests held.
 */
import type { OverdueAge } from '../../shared/kpi-types.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'

const NONE: OverdueAge = { today: 0, week: 0, older: 0 }

export class OverdueAges {
  private ages = new Map<number, OverdueAge>()
  private at = -Infinity
  private generation = 0
  /** The recount at which each region's split last changed (push feeds re-read only those). */
  private readonly changed = new Map<number, number>()

  constructor(
    private readonly agg: Aggregator,
    private readonly everyMs = 30_000,
  ) {}

  /** Recounts when the last count is older than `everyMs` (or `force`); true when it recounted. */
  refresh(now: number, force = false): boolean {
    if (!force && now - this.at < this.everyMs) return false
    this.at = now
    const today = dayIndex(now)
    const ages = new Map<number, OverdueAge>()
    for (const r of this.agg.requests.values()) {
      const st = r.state
      if (!st?.open || !st.overdue || !r.created) continue
      const days = today - dayIndex(r.created.deadline)
      const key: keyof OverdueAge = days <= 0 ? 'today' : days < 7 ? 'week' : 'older'
      for (const i of this.agg.chain(r.created.region)) {
        let a = ages.get(i)
        if (!a) ages.set(i, (a = { today: 0, week: 0, older: 0 }))
        a[key]++
      }
    }
    this.generation++
    const same = (a: OverdueAge, b: OverdueAge | undefined) => !!b && a.today === b.today && a.week === b.week && a.older === b.older
    for (const [i, a] of ages) if (!same(a, this.ages.get(i))) this.changed.set(i, this.generation)
    for (const i of this.ages.keys()) if (!ages.has(i)) this.changed.set(i, this.generation)
    this.ages = ages
    return true
  }

  /** Changes whenever the split of region `index` does (0 before any). */
  versionOf(index: number): number {
    return this.changed.get(index) ?? 0
  }

  /** The split of region `index` as of the last count. */
  of(index: number): OverdueAge {
    return this.ages.get(index) ?? NONE
  }
}
