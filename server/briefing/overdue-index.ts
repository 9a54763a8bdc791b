/** The requests that may be overdue at the end of a past day, indexed so a 督办清单 need not scan the year. */
import { foldRequest, Life, type FoldParams, type LifeEvent } from '../../shared/kpi/request-contribution.ts'
import { dayIndex, dayStartMs, HOUR_MS } from '../../shared/time-windows.ts'
import type { Aggregator, RequestRecord } from '../engine/aggregator.ts'
import { decodeRequest } from '../engine/state-codec.ts'

const NEVER = 0x7fffffff
const noSink = (): void => {}

/**
 * Candidates are the requests open now or completed after their deadline (the only ones that can be
 * overdue at any day's end), each with the span of days it may be overdue at the end of. A plain
 * candidate (one completion at most, never reopened, unchanged since the build) is overdue at the
 * end of a day of its span exactly when it was created and past its deadline by then; the others
 * are folded. The caller compares the count with the exact counter and asks for a rebuild when a
 * candidate was missed (a late event turned a settled request into one).
 */
export class OverdueIndex {
  // Candidates sorted by deadline (then id), as columns so a lookup reads typed arrays only.
  private records: RequestRecord[] = []
  private from = new Int32Array(0)
  private to = new Int32Array(0)
  private region = new Int32Array(0)
  private createdAt = new Float64Array(0)
  private deadline = new Float64Array(0)
  /** Events the record had at the build when it is plain, or -1. */
  private plain = new Int32Array(0)
  private builtAt = -1
  /** With state tables: the index holds the late completions after the start of this day. */
  private coveredFrom = Infinity
  /** Root version the index was built at, or -1 before the first build. */
  get version(): number {
    return this.builtAt
  }

  constructor(private readonly agg: Aggregator) {}

  /**
   * Rescans every request in memory (the cost the index saves on each lookup) and, when requests
   * leave memory for the state tables, those completed late after the start of `fromDay`.
   */
  rebuild(fromDay = this.coveredFrom): void {
    const found: { r: RequestRecord; from: number; to: number; plain: number }[] = []
    const hot = this.agg.requests
    const cold: RequestRecord[] = []
    const tables = this.agg.tables
    if (tables && fromDay !== Infinity) {
      for (const text of tables.lateCompletedAfter(dayStartMs(fromDay))) {
        const r = decodeRequest(text)
        if (!hot.has(r.id)) cold.push(r)
      }
    }
    this.coveredFrom = fromDay
    for (const r of [...hot.values(), ...cold]) {
      const c = r.created
      if (!c || r.state?.valid === false) continue
      let last = -1
      let late = false
      let completions = 0
      let reopened = false
      for (const e of r.events) {
        if (e.kind === Life.Reopened) reopened = true
        if (e.kind !== Life.Completed) continue
        completions++
        last = e.at
        if (e.at > c.deadline) late = true
      }
      const plain = !reopened && completions <= 1 ? r.events.length : -1
      if (r.state?.open) {
        found.push({ r, from: dayIndex(c.deadline), to: NEVER, plain })
        continue
      }
      if (!late) continue
      const from = dayIndex(c.deadline)
      const to = dayIndex(last) - 1
      if (to >= from) found.push({ r, from, to, plain })
    }
    found.sort((a, b) => a.r.created!.deadline - b.r.created!.deadline || (a.r.id < b.r.id ? -1 : 1))
    this.records = found.map((f) => f.r)
    this.from = Int32Array.from(found, (f) => f.from)
    this.to = Int32Array.from(found, (f) => f.to)
    this.region = Int32Array.from(found, (f) => f.r.created!.region)
    this.createdAt = Float64Array.from(found, (f) => f.r.created!.at)
    this.deadline = Float64Array.from(found, (f) => f.r.created!.deadline)
    this.plain = Int32Array.from(found, (f) => f.plain)
    this.builtAt = this.agg.version(0)
  }

  /**
   * Requests in the index range `[lo, hi)` of regions that are open and past their deadline at the
   * end of `day`, earliest deadline first.
   */
  overdueAt(day: number, lo: number, hi: number): RequestRecord[] {
    if (this.builtAt < 0 || (this.agg.tables && day < this.coveredFrom)) this.rebuild(Math.min(day, this.coveredFrom))
    const end = dayStartMs(day + 1) - 1
    const params: FoldParams = { now: end, signLimitUrgentMs: HOUR_MS, signLimitNormalMs: 4 * HOUR_MS }
    const out: RequestRecord[] = []
    const { records, from, to, region, createdAt, deadline, plain } = this
    for (let i = 0; i < records.length; i++) {
      if (deadline[i] >= end) break
      if (from[i] > day || to[i] < day || region[i] < lo || region[i] >= hi || createdAt[i] > end) continue
      const r = records[i]
      if (r.state?.valid === false) continue
      // Plain and unchanged: within its span it is open at the day's end (its one completion, if any, comes later).
      if (plain[i] === r.events.length && (to[i] !== NEVER || completedAfter(r.events, end))) {
        out.push(r)
        continue
      }
      if (foldRequest(r.created!, eventsUntil(r.events, end), params, noSink, 1).overdue) out.push(r)
    }
    return out
  }
}

/** The department a request was with at `end`: the last dispatch or sign-for naming one. */
export function departmentAt(events: readonly LifeEvent[], end: number): string | null {
  let dep: string | null = null
  for (const e of events) {
    if (e.at > end) break
    if ((e.kind === Life.Dispatched || e.kind === Life.Signed) && e.department) dep = e.department
  }
  return dep
}

/** Whether the request has no completion at or before `end` (a plain open request). */
function completedAfter(events: readonly LifeEvent[], end: number): boolean {
  for (const e of events) if (e.kind === Life.Completed && e.at <= end) return false
  return true
}

/** The (time-ordered) events at or before `end`, without copying when all are. */
function eventsUntil(events: LifeEvent[], end: number): LifeEvent[] {
  if (!events.length || events[events.length - 1].at <= end) return events
  let n = 0
  while (n < events.length && events[n].at <= end) n++
  return events.slice(0, n)
}
