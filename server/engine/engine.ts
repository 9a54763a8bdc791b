/** The live engine: aggregator, snapshot cache, ticker and alerts, driven by committed events and ticks. */
import type { Alert } from '../../shared/alerts.ts'
import type { IngestEvent } from '../../shared/events.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { dayIndex, DAY_MS } from '../../shared/time-windows.ts'
import { SIGN_LIMIT_NORMAL_MS, SIGN_LIMIT_URGENT_MS } from '../../shared/kpi/deadlines.ts'
import { applyAcks, splitAcks } from '../alerts/acks.ts'
import { alertFromState } from '../alerts/alert-state.ts'
import { FeedWatch } from '../alerts/feed-watch.ts'
import { SurgeDetector } from '../alerts/surge-detector.ts'
import { Aggregator, type AggregatorOptions } from './aggregator.ts'
import { staleAlert, surgeAlert, tickerItem, urgentOverdueAlert } from './engine-alerts.ts'
import { decodeHeader, encodeHeader, type Header } from './engine-header.ts'
import type { StateRows, StateTables } from '../store/event-store.ts'
import { OverdueAges } from './overdue-ages.ts'
import { ClosedLoop, type ClosedLoopOptions } from './closed-loop.ts'
import { SnapshotCache, type ClockFields } from './snapshot-cache.ts'
import { PointBook, type PointBookOptions } from './point-book.ts'

export interface EngineOptions extends AggregatorOptions, ClosedLoopOptions, PointBookOptions {
  clock: () => number
  /** Shortest silence that raises 数据中断. @default 10 min */
  feedStaleMs?: number
  /** Requests the learnt per-hour history must expect in a silence. @default 5 */
  feedStaleExpected?: number
  /** Days the per-hour expectation is learnt from. @default 28 */
  feedLearnDays?: number
}

/** A ticker item with the index of its region, for routing to subscriptions. */
export interface RoutedTicker {
  index: number
  item: TickerItem
}

/** What a tick produced for the push layer. */
export interface TickOutput {
  /** New alerts, and alerts acknowledged since the last tick (with `ackedAt`). */
  alerts: Alert[]
  ticker: RoutedTicker[]
}

const TICKER_FRESH_MS = 10 * 60_000
const RECENT_ALERTS = 100
/** Requests that leave memory in one turn of the event loop before a checkpoint. */
const EVICT_CHUNK = 1000
/** Old day buckets moved to their cache in one turn after a checkpoint. */
const SETTLE_CHUNK = 4000

export class Engine {
  readonly agg: Aggregator
  /** Departments, stages, flow and hot words. */
  readonly loop: ClosedLoop
  /** Today's located requests (the map's point layer). */
  readonly points: PointBook
  readonly tree: RegionTree
  readonly clock: () => number
  private replay = true
  /** Latest alerts, newest last. */
  readonly recentAlerts: Alert[] = []
  private readonly surge: SurgeDetector
  private readonly feed: FeedWatch
  /** Snapshots of the regions walls and the API asked for lately. */
  private readonly snapshots: SnapshotCache
  private ticker: RoutedTicker[] = []
  private alerts: Alert[] = []
  private lastOrphanSweep = 0
  private readonly overdueAges: OverdueAges
  /** Rows of the checkpoint in flight (or of one that failed), written again with the next. */
  private unsaved: StateRows[] | null = null
  private encoding: ((max: number) => StateRows | null) | null = null
  /** Called after live events were applied (the app checkpoints when many rows wait). */
  onApplied: (() => void) | null = null

  constructor(opts: EngineOptions) {
    this.tree = opts.tree
    this.clock = opts.clock
    this.agg = new Aggregator(opts)
    const tree = opts.tree
    // Surges are watched from the root down to communities; grids are too small to average.
    this.surge = new SurgeDetector({ watch: (i) => tree.nodes[i].level !== 'grid' })
    this.feed = new FeedWatch(opts.clock(), { staleMs: opts.feedStaleMs ?? 600_000, expected: opts.feedStaleExpected, learnDays: opts.feedLearnDays })
    this.agg.onOverdue = (r) => {
      const alert = this.replay ? null : urgentOverdueAlert(tree, r)
      if (alert) this.pushAlert(alert)
    }
    this.overdueAges = new OverdueAges(this.agg)
    const agg = this.agg
    const foldParams = { now: 0, signLimitUrgentMs: opts.signLimitUrgentMs ?? SIGN_LIMIT_URGENT_MS, signLimitNormalMs: opts.signLimitNormalMs ?? SIGN_LIMIT_NORMAL_MS }
    const visitWindowMs = Math.min(opts.visitWindowMs ?? 3 * DAY_MS, opts.evictAfterMs ?? 3 * DAY_MS)
    this.loop = new ClosedLoop(tree, (i) => agg.chain(i), foldParams, (i) => agg.statsOf(i).version++, { ...opts, visitWindowMs })
    this.snapshots = new SnapshotCache(agg, this.loop)
    const points = (this.points = new PointBook(tree, opts))
    agg.hooks = { retract: (r, now) => this.loop.retract(r, now), apply: (r, now) => (this.loop.apply(r, now), points.changed(r, now)) }
  }

  /** True while the store replays history: no ticker items and no alerts. */
  get replaying(): boolean {
    return this.replay
  }

  /** The store has replayed its history: events from now on are live. */
  replayed(): void {
    this.replay = false
  }

  /**
   * Version of region `index`'s snapshot: it changes whenever its figures do, and whenever those of
   * the region whose departments it shows (a community's or grid's street) do.
   */
  version(index: number): number {
    return this.snapshots.version(index)
  }

  /** Indexes of a region and its ancestors, self first. */
  chain(index: number): Int32Array {
    return this.agg.chain(index)
  }

  /** When the last live event was applied (ms), surviving restarts; null before any. */
  get lastEventAt(): number | null {
    return this.agg.lastEventAt
  }

  /** Applies events committed to the store (in log order). */
  applyCommitted(batch: IngestEvent[]): void {
    const { data: events, acks } = splitAcks(batch)
    if (acks.length) this.alerts.push(...applyAcks(this.recentAlerts, acks))
    const now = this.clock()
    const lastEventAt = this.agg.lastEventAt
    const { created } = this.agg.apply(events, now)
    // Replayed events were ingested before the restart: the data's age stays the checkpoint's.
    if (this.replay) this.agg.lastEventAt = lastEventAt
    for (const c of created) {
      const at = Date.parse(c.event.at)
      this.points.created(c.event, this.agg.requests.get(c.event.requestId), now)
      this.feed.learn(at)
      const summary = c.event.summary ? this.agg.requests.get(c.event.requestId)?.summary : undefined
      if (summary) this.loop.summary(c.region, at, summary, now)
      const surges = this.surge.record(this.agg.chain(c.region), c.category, at, now)
      if (this.replay) continue
      for (const s of surges) this.pushAlert(surgeAlert(this.tree, s.region, s.category, s.count, s.threshold, s.at))
      if (at > now - TICKER_FRESH_MS) this.ticker.push({ index: c.region, item: tickerItem(this.tree, c.region, c.event) })
    }
    if (!this.replay && events.length) this.feed.fed(now)
    if (!this.replay) this.onApplied?.()
  }

  /** Advances time; returns the alerts and ticker items gathered since the last tick. */
  tick(): TickOutput {
    const now = this.clock()
    this.agg.tick(now)
    // A recount runs a slice per turn; its split takes effect when it is done (`ageVersion`).
    void this.overdueAges.refresh(now)
    // Surge series stored before the start, not read yet, a slice at a time.
    this.surge.sweep()
    this.loop.tick(now)
    const silent = this.feed.check(now)
    if (silent !== null) this.pushAlert(staleAlert(this.tree, silent, now))
    if (now - this.lastOrphanSweep > 60_000) {
      this.lastOrphanSweep = now
      this.agg.expireOrphans(now)
    }
    const out = { alerts: this.alerts, ticker: this.ticker }
    this.alerts = []
    this.ticker = []
    return out
  }

  /**
   * Closed requests quiet for long enough leave memory, a chunk per turn of the event loop, up to
   * the next checkpoint's share (what is left of it leaves in `checkpointState`, at once).
   */
  async evictQuiet(): Promise<void> {
    if (!this.agg.tables) return
    while (this.agg.rows.evictQuiet(this.clock(), this.agg.requests, EVICT_CHUNK)) await new Promise((r) => setImmediate(r))
  }

  /** What a checkpoint writes: a small header and the rows changed since the last one (state tables needed). */
  checkpointState(): { state: Uint8Array; rows: (max: number) => StateRows | null } {
    if (!this.agg.tables) throw new Error('a checkpoint needs state tables (useTables)')
    const aggRowsOf = this.agg.captureRows(this.clock())
    const loopRowsOf = this.loop.captureRows()
    const rowsOf = (max: number) => aggRowsOf(max) ?? loopRowsOf(max)
    const surgeRowsOf = this.surge.captureRows()
    const pointRows = this.points.capture()
    const surgeOf = (max: number) => surgeRowsOf(max) ?? (pointRows.length ? pointRows.splice(0, max) : null)
    // Rows of a checkpoint that failed go first, so the newer values of the same keys win.
    const prev = this.unsaved ?? []
    const kept: StateRows[] = []
    this.unsaved = kept
    let p = 0
    const rows = (max: number): StateRows | null => {
      let slice = p < prev.length ? prev[p++] : rowsOf(max)
      if (!slice) {
        const kv = surgeOf(max)
        if (!kv) return null
        slice = { buckets: [], requests: [], kv }
      }
      kept.push(slice)
      return slice
    }
    this.encoding = rows
    const a = this.agg
    const state = encodeHeader({
      root: this.tree.root.code,
      size: this.tree.size,
      counters: [a.orphansExpired, a.duplicateCreates, a.today, a.lastEventAt ?? -1],
      unknownCategories: [...a.unknownCategories],
      alerts: this.recentAlerts,
      feed: this.feed.toState(),
    })
    return { state, rows }
  }

  /** The rows of the last `checkpointState` are committed (what they wrote leaves memory over turns: `settle`). */
  checkpointSaved(): void {
    this.unsaved = null
    this.encoding = null
    this.agg.persisted()
    this.loop.persisted()
  }

  /** Old days the last checkpoint wrote go to their cache, a chunk per turn of the event loop. */
  async settle(): Promise<void> {
    while (this.agg.counters.cold.settle(SETTLE_CHUNK)) await new Promise((r) => setImmediate(r))
  }

  /** The last checkpoint failed: its rows, all encoded now, go with the next one. */
  checkpointFailed(): void {
    const rows = this.encoding
    this.encoding = null
    if (rows) while (rows(Infinity));
  }

  /** Number of state rows waiting for the next checkpoint. */
  get unsavedRows(): number {
    return this.agg.unsavedRows + this.loop.unsavedRows + this.points.unsavedRows
  }

  /** Keeps state in `tables` from now on (before the store replays into the engine). */
  useTables(tables: StateTables): void {
    this.agg.tables = tables
    this.loop.tables = tables
  }

  /**
   * Restores a checkpoint's header (its bulk is read from the state tables); false, changing
   * nothing, when it belongs to another pack or format, or the engine has no tables.
   */
  restore(bytes: Uint8Array): boolean {
    const h = decodeHeader(bytes)
    return h !== null && this.agg.tables !== null && this.restoreHeader(h, this.agg.tables)
  }

  private restoreHeader(h: Header, tables: StateTables): boolean {
    if (h.root !== this.tree.root.code || h.size !== this.tree.size) return false
    const a = this.agg
    a.loadTables(tables, this.clock())
    this.loop.load(tables, a.requests.values(), this.clock())
    this.surge.open(tables, this.clock())
    this.points.load(tables.kv('m:'), this.clock())
    ;[a.orphansExpired, a.duplicateCreates] = h.counters
    a.lastEventAt = h.counters[3] < 0 ? null : h.counters[3]
    // The feed's silence runs from the last ingest before the restart, not from the restart.
    if (a.lastEventAt !== null) this.feed.resume(a.lastEventAt)
    this.feed.fromState(h.feed)
    for (const [k, v] of h.unknownCategories) a.unknownCategories.set(k, v)
    this.recentAlerts.push(...h.alerts.map(alertFromState))
    return true
  }

  /** Changes when region `index`'s 超期 by age does: part of what its pushed snapshot depends on. */
  ageVersion(index: number): number {
    return this.overdueAges.versionOf(index)
  }

  /** The snapshot of region `index`, recomputed only when its figures or the day changed (`snapshot-cache.ts`). */
  snapshot(index: number): Snapshot {
    const now = this.clock()
    return { ...this.snapshots.get(index, now, dayIndex(now)), ...this.clockFields(index, now) }
  }

  /** {@link snapshot} as JSON text, its figures serialised once per change of them. */
  snapshotJson(index: number): string {
    const now = this.clock()
    return this.snapshots.json(index, now, dayIndex(now), this.clockFields(index, now))
  }

  private clockFields = (index: number, now: number): ClockFields => ({ asOf: now, lastEventAt: this.agg.lastEventAt, overdueAge: this.overdueAges.of(index) })

  private pushAlert(a: Alert): void {
    this.alerts.push(a)
    this.recentAlerts.push(a)
    if (this.recentAlerts.length > RECENT_ALERTS) this.recentAlerts.shift()
  }
}
