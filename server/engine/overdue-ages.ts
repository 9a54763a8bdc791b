/**
 * 超期 by age (今日新增 / 本周 / 更早) for every region: the open overdue requests counted by the day
 * their deadline passed. Open requests always stay in memory, so a scan of them is exact; it runs
 * at most every `everyMs` (the push tick asks), costing one pass over the requests held, a few
 * milliseconds a turn of the event loop (a province holds hundreds of thousands of requests). The
 * split of the last scan stands until the next one is done.
 */
import type { OverdueAge } from '../../shared/kpi-types.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'

const NONE: OverdueAge = { today: 0, week: 0, older: 0 }
/** Time a scan runs per turn of the event loop. */
const SLICE_MS = 4

export class OverdueAges {
  private ages = new Map<number, OverdueAge>()
  private at = -Infinity
  private generation = 0
  /** The recount at which each region's split last changed (push feeds re-read only those). */
  private readonly changed = new Map<number, number>()
  /** The count under way, if any. */
  private running: Promise<boolean> | null = null

  constructor(
    private readonly agg: Aggregator,
    private readonly everyMs = 30_000,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /**
   * Recounts when the last count is older than `everyMs` (or `force`) and no scan is under way;
   * resolves true once the new split stands, false when no scan was due.
   */
  refresh(now: number, force = false): Promise<boolean> {
    if (this.running || (!force && now - this.at < this.everyMs)) return Promise.resolve(false)
    this.at = now
    const run = this.scan(dayIndex(now))
      .then((ages) => (this.settle(ages), true))
      .finally(() => (this.running = null))
    this.running = run
    return run
  }

  /** Resolves once no count is under way. */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  /** Counts the open overdue requests held, a slice per turn (each request as it is when reached). */
  private async scan(today: number): Promise<Map<number, OverdueAge>> {
    const ages = new Map<number, OverdueAge>()
    const requests = this.agg.requests.values()
    for (;;) {
      const until = performance.now() + this.sliceMs
      for (let k = 1; ; k++) {
        const next = requests.next()
        if (next.done) return ages
        const r = next.value
        const st = r.state
        if (st?.open && st.overdue && r.created) {
          const days = today - dayIndex(r.created.deadline)
          const key: keyof OverdueAge = days <= 0 ? 'today' : days < 7 ? 'week' : 'older'
          for (const i of this.agg.chain(r.created.region)) {
            let a = ages.get(i)
            if (!a) ages.set(i, (a = { today: 0, week: 0, older: 0 }))
            a[key]++
          }
        }
        if (k % 256 === 0 && performance.now() >= until) break
      }
      await new Promise((r) => setImmediate(r))
    }
  }

  /** The new split stands: regions whose split changed get a new version. */
  private settle(ages: Map<number, OverdueAge>): void {
    this.generation++
    const same = (a: OverdueAge, b: OverdueAge | undefined) => !!b && a.today === b.today && a.week === b.week && a.older === b.older
    for (const [i, a] of ages) if (!same(a, this.ages.get(i))) this.changed.set(i, this.generation)
    for (const i of this.ages.keys()) if (!ages.has(i)) this.changed.set(i, this.generation)
    this.ages = ages
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
