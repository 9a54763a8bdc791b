/** The requests that may be overdue at the end of a past day, indexed so a 督办清单 need not scan the year. */
import { foldRequest, Life, type FoldParams, type LifeEvent } from '../../shared/kpi/request-contribution.ts'
import { dayIndex, dayStartMs, HOUR_MS } from '../../shared/time-windows.ts'
import type { Aggregator, RequestRecord } from '../engine/aggregator.ts'

/** A request overdue at a day's end, before it is dressed for the API. */
export interface OverdueHit {
  record: RequestRecord
  department: string | null
}

const NEVER = 0x7fffffff
const noSink = (): void => {}

/**
 * Candidates are the requests open now or completed after their deadline (the only ones that can be
 * overdue at any day's end), each with the span of days it may be overdue at the end of. Lookups fold
 * only the candidates of that day exactly; the caller compares the count with the exact counter and
 * asks for a rebuild when a candidate was missed (a late event turned a settled request into one).
 */
export class OverdueIndex {
  private records: RequestRecord[] = []
  private from = new Int32Array(0)
  private to = new Int32Array(0)
  private builtAt = -1
  /** Root version the index was built at, or -1 before the first build. */
  get version(): number {
    return this.builtAt
  }

  constructor(private readonly agg: Aggregator) {}

  /** Rescans every request (the cost the index saves on each lookup). */
  rebuild(): void {
    const recs: RequestRecord[] = []
    const from: number[] = []
    const to: number[] = []
    for (const r of this.agg.requests.values()) {
      const c = r.created
      if (!c || r.state?.valid === false) continue
      if (r.state?.open) {
        recs.push(r)
        from.push(dayIndex(c.deadline))
        to.push(NEVER)
        continue
      }
      let last = -1
      let late = false
      for (const e of r.events) {
        if (e.kind !== Life.Completed) continue
        last = e.at
        if (e.at > c.deadline) late = true
      }
      if (!late) continue
      const f = dayIndex(c.deadline)
      const t = dayIndex(last) - 1
      if (t < f) continue
      recs.push(r)
      from.push(f)
      to.push(t)
    }
    this.records = recs
    this.from = Int32Array.from(from)
    this.to = Int32Array.from(to)
    this.builtAt = this.agg.version(0)
  }

  /** Requests in the index range `[lo, hi)` of regions that are open and past their deadline at the end of `day`. */
  overdueAt(day: number, lo: number, hi: number): OverdueHit[] {
    if (this.builtAt < 0) this.rebuild()
    const end = dayStartMs(day + 1) - 1
    const params: FoldParams = { now: end, signLimitUrgentMs: HOUR_MS, signLimitNormalMs: 4 * HOUR_MS }
    const out: OverdueHit[] = []
    const { records, from, to } = this
    for (let i = 0; i < records.length; i++) {
      if (from[i] > day || to[i] < day) continue
      const r = records[i]
      const c = r.created!
      if (c.region < lo || c.region >= hi || c.at > end || r.state?.valid === false) continue
      const state = foldRequest(c, eventsUntil(r.events, end), params, noSink, 1)
      if (state.overdue) out.push({ record: r, department: state.department })
    }
    return out
  }
}

/** The (time-ordered) events at or before `end`, without copying when all are. */
function eventsUntil(events: LifeEvent[], end: number): LifeEvent[] {
  if (!events.length || events[events.length - 1].at <= end) return events
  let n = 0
  while (n < events.length && events[n].at <= end) n++
  return events.slice(0, n)
}
