/**
 * The aggregator: applies events to requests and folds each request's contribution into the
 * counters of its region and every ancestor (`region-counters.ts`); grid duty and patrols are
 * `grid-book.ts`; which requests changed since the last checkpoint, `request-rows.ts`.
 */
import { SIGN_LIMIT_NORMAL_MS, SIGN_LIMIT_URGENT_MS } from '../../shared/kpi/deadlines.ts'
import { foldRequest, insertEvent, type FoldParams } from '../../shared/kpi/request-contribution.ts'
import { maskPersonalData } from '../../shared/mask.ts'
import type { GridEvent, IngestEvent, RequestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex, DAY_MS } from '../../shared/time-windows.ts'
import type { StateRows, StateTables } from '../store/event-store.ts'
import { captureRows, loadTables } from './aggregator-rows.ts'
import { ContributionDiff } from './contribution-diff.ts'
import { GridBook } from './grid-book.ts'
import { RegionCounters, type CounterOptions } from './region-counters.ts'
import type { RegionStats } from './region-stats.ts'
import { createdInfo, lifeEvent, type NewRequest, type RequestRecord } from './request-record.ts'
import { RequestRows } from './request-rows.ts'
import { TimeHeap } from '../../shared/time-heap.ts'

export type { NewRequest, RequestRecord } from './request-record.ts'

export interface AggregatorOptions extends CounterOptions {
  /** @default 1 h */
  signLimitUrgentMs?: number
  /** @default 4 h */
  signLimitNormalMs?: number
  /** Lifecycle events whose request never arrives are dropped after this long. @default 7 days */
  pendingTtlMs?: number
  /** With state tables: a closed request leaves memory after this long without change. @default 3 days */
  evictAfterMs?: number
}

/** Figures kept beside the counters (the closed loop), told of every change of a request. */
export interface UpdateHooks {
  /** Before `r` changes: what it contributed at `r.evalNow` is taken back. */
  retract(r: RequestRecord, now: number): void
  /** After `r` changed: it contributes as of `now`. */
  apply(r: RequestRecord, now: number): void
}

export interface ApplyResult {
  created: NewRequest[]
}

export class Aggregator {
  readonly tree: RegionTree
  readonly requests = new Map<string, RequestRecord>()
  readonly counters: RegionCounters
  readonly grid: GridBook
  /** Metrics: orphans dropped, unknown categories seen, second `created` for a known request. */
  orphansExpired = 0
  duplicateCreates = 0
  readonly unknownCategories = new Map<string, number>()
  lastEventAt: number | null = null
  /** Called when a request becomes overdue as time passes (not when loaded overdue). */
  onOverdue: ((r: RequestRecord) => void) | null = null
  hooks: UpdateHooks | null = null
  private pending = 0
  private readonly params: FoldParams
  private readonly pendingTtlMs: number
  private readonly timers = new TimeHeap<RequestRecord>()
  private readonly ancestors: (Int32Array | undefined)[]
  private readonly orphans = new Set<RequestRecord>()
  /** Requests as rows of the state tables. */
  readonly rows: RequestRows
  private stateTables: StateTables | null = null
  private readonly diff = new ContributionDiff()

  constructor(opts: AggregatorOptions) {
    this.tree = opts.tree
    this.ancestors = new Array(opts.tree.size)
    this.counters = new RegionCounters(opts)
    this.grid = new GridBook(opts.tree, this.counters, (i) => this.chain(i))
    this.rows = new RequestRows(opts.evictAfterMs ?? 3 * DAY_MS)
    this.params = {
      now: 0,
      signLimitUrgentMs: opts.signLimitUrgentMs ?? SIGN_LIMIT_URGENT_MS,
      signLimitNormalMs: opts.signLimitNormalMs ?? SIGN_LIMIT_NORMAL_MS,
    }
    this.pendingTtlMs = opts.pendingTtlMs ?? 7 * DAY_MS
  }

  get stats(): readonly (RegionStats | undefined)[] {
    return this.counters.stats
  }

  get today(): number {
    return this.counters.today
  }

  set today(day: number) {
    this.counters.today = day
  }

  get tables(): StateTables | null {
    return this.stateTables
  }

  /** Keeps state as rows in `tables` from now on: changes are tracked for checkpoints. */
  set tables(t: StateTables | null) {
    this.stateTables = t
    if (!t) return
    this.counters.track(t)
    this.rows.track(t)
    this.grid.track()
  }

  /** Requests whose `created` has not arrived yet. */
  get pendingRequests(): number {
    return this.pending
  }

  statsOf(index: number): RegionStats {
    return this.counters.statsOf(index)
  }

  version(index: number): number {
    return this.counters.stats[index]?.version ?? 0
  }

  /** Indexes of a region and its ancestors, self first. */
  chain(index: number): Int32Array {
    return (this.ancestors[index] ??= Int32Array.from(this.tree.selfAndAncestors(index)))
  }

  /** Applies validated, deduplicated events at time `now`. */
  apply(events: readonly IngestEvent[], now: number): ApplyResult {
    this.advanceDay(now)
    this.params.now = now
    const created: NewRequest[] = []
    for (const e of events) {
      if (e.type.startsWith('grid.')) this.grid.apply(e as GridEvent)
      else {
        const n = this.applyRequest(e as RequestEvent, now)
        if (n) created.push(n)
      }
    }
    if (events.length) this.lastEventAt = now
    return { created }
  }

  /** Moves time forward: requests passing deadlines or sign-for limits, orphan expiry, day rollover. */
  tick(now: number): void {
    this.advanceDay(now)
    this.params.now = now
    while (this.timers.peekTime() <= now) {
      const r = this.timers.pop()!
      if (!r.created || !r.state || r.state.nextChange > now) continue
      const wasOverdue = r.state.overdue
      this.update(r, null, now)
      if (!wasOverdue && r.state.overdue) this.onOverdue?.(r)
    }
  }

  /** Drops lifecycle events of requests never created within the TTL. */
  expireOrphans(now: number): number {
    let n = 0
    for (const r of this.orphans) {
      if (now - r.firstSeen > this.pendingTtlMs) {
        this.orphans.delete(r)
        this.requests.delete(r.id)
        this.rows.dirty.delete(r)
        this.rows.dropped.add(r.id)
        this.pending--
        n++
      }
    }
    this.orphansExpired += n
    return n
  }

  /** Takes in a request read back from the state tables. */
  adopt(r: RequestRecord): void {
    this.requests.set(r.id, r)
    if (!r.created) {
      this.orphans.add(r)
      this.pending++
    }
    if (r.state && r.state.nextChange !== Infinity) this.timers.push(r.state.nextChange, r)
  }

  /** A request by id: in memory, or brought back from the state tables. */
  private request(id: string): RequestRecord | undefined {
    let r = this.requests.get(id)
    if (r || !this.tables) return r
    r = this.rows.recall(id)
    if (!r) return undefined
    this.requests.set(id, r)
    this.rows.dirty.add(r)
    if (r.state && r.state.nextChange !== Infinity) this.timers.push(r.state.nextChange, r)
    return r
  }

  private applyRequest(e: RequestEvent, now: number): NewRequest | null {
    let r = this.request(e.requestId)
    if (!r) {
      r = { id: e.requestId, created: null, events: [], evalNow: now, state: null, firstSeen: now }
      this.requests.set(e.requestId, r)
      this.orphans.add(r)
      this.rows.dirty.add(r)
      this.pending++
    }
    this.rows.touch(r)
    if (e.type === 'request.created') {
      if (r.created) {
        this.duplicateCreates++
        return null
      }
      const info = createdInfo(e, this.tree, this.unknownCategories)
      this.pending--
      this.orphans.delete(r)
      if (e.summary) r.summary = maskPersonalData(e.summary)
      this.update(r, () => (r.created = info), now)
      return { event: e, region: info.region, category: info.category }
    }
    const le = lifeEvent(e)
    if (!le) return null
    if (!r.created) {
      insertEvent(r.events, le)
      this.rows.dirty.add(r)
      return null
    }
    this.update(r, () => insertEvent(r.events, le), now)
    return null
  }

  /** Retracts the request's contribution, mutates it, applies the new one, and moves now-figures. */
  private update(r: RequestRecord, mutate: (() => void) | null, now: number): void {
    this.rows.touch(r)
    const diff = this.diff
    diff.clear()
    const p = this.params
    if (r.created && r.state) {
      p.now = r.evalNow
      foldRequest(r.created, r.events, p, diff.sink, -1)
      this.hooks?.retract(r, now)
    }
    mutate?.()
    p.now = now
    const before = r.state
    const after = foldRequest(r.created!, r.events, p, diff.sink, 1)
    r.state = after
    r.evalNow = now
    this.hooks?.apply(r, now)
    const dOpen = (after.open ? 1 : 0) - (before?.open ? 1 : 0)
    const dOverdue = (after.overdue ? 1 : 0) - (before?.overdue ? 1 : 0)
    const chain = this.chain(r.created!.region)
    diff.addTo(this.counters, chain)
    for (let i = 0; i < chain.length; i++) {
      const s = this.counters.statsOf(chain[i])
      s.open += dOpen
      s.overdue += dOverdue
      s.version++
    }
    if (after.nextChange !== Infinity) this.timers.push(after.nextChange, r)
    this.rows.dirty.add(r)
    if (!after.open) this.rows.closed(r)
  }

  /** State rows changed since the last checkpoint. */
  get unsavedRows(): number {
    return this.counters.unsaved + this.rows.unsaved + this.grid.unsaved
  }

  /** The rows changed since the last checkpoint, `max` at a time (`aggregator-rows.ts`). */
  captureRows(now: number): (max: number) => StateRows | null {
    return captureRows(this, now)
  }

  /** The rows of the last `captureRows` are committed: what left memory is no longer needed here. */
  persisted(): void {
    this.counters.persisted()
    this.rows.persisted()
  }

  /** Loads what memory holds from the state tables (`aggregator-rows.ts`). */
  loadTables(tables: StateTables, now: number): void {
    this.tables = tables
    loadTables(this, tables, now)
  }

  /** Day rollover at 00:00 Asia/Shanghai: prunes what no window needs and marks every region changed. */
  private advanceDay(now: number): void {
    const today = dayIndex(now)
    if (today === this.counters.today) return
    const first = this.counters.today < 0
    if (first) {
      this.counters.today = today
      return
    }
    this.counters.rollover(today, this.tree)
    this.grid.rollover(today)
  }
}
