/** The in-memory aggregator: applies events to per-region counters for every level of the tree. */
import { BUCKET_FIELDS, CATEGORY_INDEX, CHANNEL_INDEX, F, HOURLY_BASE, KEY_STRIDE } from '../../shared/kpi/bucket-fields.ts'
import {
  foldRequest,
  insertEvent,
  Life,
  SAT_CODES,
  type CreatedInfo,
  type FoldParams,
  type LifeEvent,
  type NowState,
} from '../../shared/kpi/request-contribution.ts'
import { OTHER_CATEGORY } from '../../shared/categories.ts'
import { maskPersonalData } from '../../shared/mask.ts'
import type { GridEvent, IngestEvent, RequestCreated, RequestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex, DAY_MS, HOUR_MS, monthIndex } from '../../shared/time-windows.ts'
import { BucketKind, type StateRows, type StateTables } from '../store/event-store.ts'
import { RegionStats } from './region-stats.ts'
import { bucketPool, hourPool } from './bucket-pool.ts'
import { bucketKey, decodeBucket, decodeRequest, encodeBucket, encodeRequest, splitBucketKey } from './state-codec.ts'
import { TimerHeap } from './timer-heap.ts'

export interface AggregatorOptions {
  tree: RegionTree
  /** @default 1 h */
  signLimitUrgentMs?: number
  /** @default 4 h */
  signLimitNormalMs?: number
  /** Lifecycle events whose request never arrives are dropped after this long. @default 7 days */
  pendingTtlMs?: number
  /** Daily history kept for regions down to community. @default 400 */
  retentionDays?: number
  /** Daily history kept for grids (months are kept for all). @default 62 */
  gridRetentionDays?: number
  /** With state tables: days of daily counters held in memory (older ones are read on demand). @default 35 */
  hotDays?: number
  /** The same for communities. @default 8 */
  communityHotDays?: number
  /** The same for grids (a grid's wall reads its older days from the tables). @default 2 */
  gridHotDays?: number
  /** With state tables: a closed request leaves memory after this long without change. @default 3 days */
  evictAfterMs?: number
}

const { day: K_DAY, month: K_MONTH, hourly: K_HOURLY, communityDay: K_COMMUNITY_DAY, gridDay: K_GRID_DAY } = BucketKind
const DAY_KINDS = [K_DAY, K_COMMUNITY_DAY, K_GRID_DAY]

/** A request as the server remembers it. */
export interface RequestRecord {
  id: string
  created: CreatedInfo | null
  events: LifeEvent[]
  /** `now` the applied contribution was evaluated at. */
  evalNow: number
  state: NowState | null
  /** Ingest time of the first event seen, for expiring orphans. */
  firstSeen: number
  /** The request's summary with personal data masked, if it had one. */
  summary?: string
}

/** A request created by a batch, for the ticker and the surge detector. */
export interface NewRequest {
  event: RequestCreated
  region: number
  category: number
}

/** Buckets of every region as columns: region, bucket count, keys, values. */
interface BucketColumns {
  regions: Int32Array
  counts: Int32Array
  keys: Float64Array
  values: Float64Array
}

/** Checkpoint form of the aggregator: columns rather than millions of small objects. */
export interface AggregatorState {
  ids: string
  created: Float64Array
  times: Float64Array
  flags: Uint8Array
  eventCounts: Uint32Array
  events: Float64Array
  departments: string
  summaries: string
  days: BucketColumns
  months: BucketColumns
  hourly: BucketColumns
  nowFigures: Float64Array
  duty: string
  patrolled: Float64Array
  counters: number[]
  unknownCategories: [string, number][]
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

const DEFAULT_URGENT_DEADLINE = 24 * HOUR_MS
const DEFAULT_NORMAL_DEADLINE = 7 * DAY_MS

export class Aggregator {
  readonly tree: RegionTree
  readonly requests = new Map<string, RequestRecord>()
  readonly stats: (RegionStats | undefined)[]
  /** Metrics: orphans dropped, unknown categories seen, second `created` for a known request. */
  orphansExpired = 0
  duplicateCreates = 0
  readonly unknownCategories = new Map<string, number>()
  lastEventAt: number | null = null
  today = -1
  private pending = 0
  private readonly params: FoldParams
  private readonly pendingTtlMs: number
  private readonly retentionDays: number
  private readonly gridRetentionDays: number
  private readonly timers = new TimerHeap<RequestRecord>()
  private readonly ancestors: (Int32Array | undefined)[]
  private readonly duty = new Map<string, { at: number; on: boolean }>()
  /** Grids patrolled, by day. */
  private readonly patrolled = new Map<number, Set<number>>()
  /** Where state rows live when the store keeps them (the embedded store); null keeps everything in memory. */
  private stateTables: StateTables | null = null
  /** Days held in memory, by day kind. */
  private readonly hotDays: number[] = []
  /** Day kind of each region. */
  private readonly dayKind: Uint8Array
  private readonly evictAfterMs: number
  // What changed since the last checkpoint.
  // Without state tables nothing is written row by row: the sets stay empty.
  private dirtyBuckets: Set<number> = new NoSet()
  private dirtyRequests: Set<RequestRecord> = new NoSet()
  private droppedRequests: Set<string> = new NoSet()
  private dirtyKv: Set<string> = new NoSet()
  /** Day buckets outside the hot window changed since the last checkpoint. */
  private readonly coldCache = new Map<number, Float64Array>()
  /** Requests taken by the checkpoint being encoded, not encoded yet, and their slots. */
  private capturing: Map<RequestRecord, number> | null = null
  private captured: (StateRows['requests'][number] | undefined)[] | null = null
  private capturedHot: boolean[] | null = null
  /** Requests that left memory in a checkpoint not yet committed. */
  private readonly leaving = new Map<string, RequestRecord>()
  /** Closed requests by the time they may leave memory (their last event + `evictAfterMs`). */
  private readonly quietAt = new TimerHeap<RequestRecord>()
  private readonly orphans = new Set<RequestRecord>()
  private readonly monthOf = new Map<number, number>()
  // The contribution diff of one update: a small open list (a request touches a few dozen keys).
  private accKeys = new Float64Array(64)
  private accVals = new Float64Array(64)
  private accLen = 0
  private readonly sink = (k: number, d: number): void => {
    const keys = this.accKeys
    for (let i = this.accLen - 1; i >= 0; i--) {
      if (keys[i] === k) {
        this.accVals[i] += d
        return
      }
    }
    if (this.accLen === keys.length) {
      this.accKeys = new Float64Array(keys.length * 2)
      this.accKeys.set(keys)
      const vals = new Float64Array(keys.length * 2)
      vals.set(this.accVals)
      this.accVals = vals
    }
    this.accKeys[this.accLen] = k
    this.accVals[this.accLen++] = d
  }
  private readonly dayBuckets: (Float64Array | null)[] = new Array(8).fill(null)
  private readonly monthBuckets: (Float64Array | null)[] = new Array(8).fill(null)
  /** Called when a request becomes overdue as time passes (not when loaded overdue). */
  onOverdue: ((r: RequestRecord) => void) | null = null
  hooks: UpdateHooks | null = null

  constructor(opts: AggregatorOptions) {
    this.tree = opts.tree
    this.stats = new Array(opts.tree.size)
    this.ancestors = new Array(opts.tree.size)
    this.params = {
      now: 0,
      signLimitUrgentMs: opts.signLimitUrgentMs ?? HOUR_MS,
      signLimitNormalMs: opts.signLimitNormalMs ?? 4 * HOUR_MS,
    }
    this.pendingTtlMs = opts.pendingTtlMs ?? 7 * DAY_MS
    this.retentionDays = opts.retentionDays ?? 400
    this.gridRetentionDays = opts.gridRetentionDays ?? 62
    const hot = opts.hotDays ?? 35
    this.hotDays[K_DAY] = hot
    this.hotDays[K_COMMUNITY_DAY] = Math.min(opts.communityHotDays ?? 8, hot)
    this.hotDays[K_GRID_DAY] = Math.min(opts.gridHotDays ?? 2, hot)
    this.dayKind = Uint8Array.from(opts.tree.nodes, (n) => (n.level === 'grid' ? K_GRID_DAY : n.level === 'community' ? K_COMMUNITY_DAY : K_DAY))
    this.evictAfterMs = opts.evictAfterMs ?? 3 * DAY_MS
  }

  get tables(): StateTables | null {
    return this.stateTables
  }

  /** Keeps state as rows in `tables` from now on: changes are tracked for checkpoints. */
  set tables(t: StateTables | null) {
    this.stateTables = t
    if (!t || !(this.dirtyBuckets instanceof NoSet)) return
    this.dirtyBuckets = new Set()
    this.dirtyRequests = new Set()
    this.droppedRequests = new Set()
    this.dirtyKv = new Set()
  }

  /** First day of a kind held in memory. */
  private hotFromKind(kind: number): number {
    return this.tables ? this.today - this.hotDays[kind] + 1 : -Infinity
  }

  /** First day of region `index` held in memory. */
  private hotFromOf(index: number): number {
    return this.hotFromKind(this.dayKind[index])
  }

  private readCold(index: number, day: number): Float64Array | undefined {
    const bytes = this.tables?.bucket(this.dayKind[index], day, index)
    return bytes ? decodeBucket(bytes, BUCKET_FIELDS) : undefined
  }

  /** A day bucket outside the hot window, to change: kept until the next checkpoint writes it. */
  private coldDay(index: number, day: number): Float64Array {
    const k = bucketKey(this.dayKind[index], day, index)
    let b = this.coldCache.get(k)
    if (!b) this.coldCache.set(k, (b = this.readCold(index, day) ?? new Float64Array(BUCKET_FIELDS)))
    return b
  }

  /** A request by id: in memory, or brought back from the state tables. */
  private request(id: string): RequestRecord | undefined {
    let r = this.requests.get(id)
    if (r || !this.tables) return r
    r = this.leaving.get(id)
    if (!r) {
      const text = this.tables.request(id)
      if (text === undefined) return undefined
      r = decodeRequest(text)
    }
    this.requests.set(id, r)
    this.dirtyRequests.add(r)
    if (r.state && r.state.nextChange !== Infinity) this.timers.push(r.state.nextChange, r)
    return r
  }

  /** Requests whose `created` has not arrived yet. */
  get pendingRequests(): number {
    return this.pending
  }

  statsOf(index: number): RegionStats {
    let s = this.stats[index]
    if (!s) {
      s = this.stats[index] = new RegionStats()
      s.cold = (day) => (day < this.hotFromOf(index) ? (this.coldCache.get(bucketKey(this.dayKind[index], day, index)) ?? this.readCold(index, day)) : undefined)
    }
    return s
  }

  version(index: number): number {
    return this.stats[index]?.version ?? 0
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
      if (e.type.startsWith('grid.')) this.applyGrid(e as GridEvent)
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
    while (this.timers.peek() <= now) {
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
        this.dirtyRequests.delete(r)
        this.droppedRequests.add(r.id)
        this.pending--
        n++
      }
    }
    this.orphansExpired += n
    return n
  }

  private applyRequest(e: RequestEvent, now: number): NewRequest | null {
    let r = this.request(e.requestId)
    if (!r) {
      r = { id: e.requestId, created: null, events: [], evalNow: now, state: null, firstSeen: now }
      this.requests.set(e.requestId, r)
      this.orphans.add(r)
      this.dirtyRequests.add(r)
      this.pending++
    }
    this.touch(r)
    if (e.type === 'request.created') {
      if (r.created) {
        this.duplicateCreates++
        return null
      }
      const at = Date.parse(e.at)
      const urgent = e.urgency === 'urgent'
      let category = CATEGORY_INDEX.get(e.category)
      if (category === undefined) {
        this.unknownCategories.set(e.category, (this.unknownCategories.get(e.category) ?? 0) + 1)
        category = CATEGORY_INDEX.get(OTHER_CATEGORY)!
      }
      const region = this.tree.indexOf(e.region)
      const info: CreatedInfo = {
        at,
        region,
        category,
        channel: CHANNEL_INDEX.get(e.channel)!,
        urgent,
        deadline: e.deadline ? Date.parse(e.deadline) : at + (urgent ? DEFAULT_URGENT_DEADLINE : DEFAULT_NORMAL_DEADLINE),
      }
      this.pending--
      this.orphans.delete(r)
      if (e.summary) r.summary = maskPersonalData(e.summary)
      this.update(r, () => (r.created = info), now)
      return { event: e, region, category }
    }
    const le = lifeEvent(e)
    if (!le) return null
    if (!r.created) {
      insertEvent(r.events, le)
      this.dirtyRequests.add(r)
      return null
    }
    this.update(r, () => insertEvent(r.events, le), now)
    return null
  }

  /** Retracts the request's contribution, mutates it, applies the new one, and moves now-figures. */
  private update(r: RequestRecord, mutate: (() => void) | null, now: number): void {
    this.touch(r)
    this.accLen = 0
    const p = this.params
    if (r.created && r.state) {
      p.now = r.evalNow
      foldRequest(r.created, r.events, p, this.sink, -1)
      this.hooks?.retract(r, now)
    }
    mutate?.()
    p.now = now
    const before = r.state
    const after = foldRequest(r.created!, r.events, p, this.sink, 1)
    r.state = after
    r.evalNow = now
    this.hooks?.apply(r, now)
    const region = r.created!.region
    const dOpen = (after.open ? 1 : 0) - (before?.open ? 1 : 0)
    const dOverdue = (after.overdue ? 1 : 0) - (before?.overdue ? 1 : 0)
    const chain = this.chain(region)
    const gridLevel = this.tree.nodes[region].level === 'grid'
    const levels = chain.length
    const dayBuckets = this.dayBuckets
    const monthBuckets = this.monthBuckets
    let bucketDay = NaN
    for (let j = 0; j < this.accLen; j++) {
      const d = this.accVals[j]
      if (d === 0) continue
      const k = this.accKeys[j]
      const day = Math.floor(k / KEY_STRIDE)
      const field = k - day * KEY_STRIDE
      if (field >= HOURLY_BASE) {
        if (day < this.today - 1) continue
        for (let i = 0; i < levels; i++) {
          this.statsOf(chain[i]).hours(day)[field - HOURLY_BASE] += d
          this.dirtyBuckets.add(bucketKey(K_HOURLY, day, chain[i]))
        }
        continue
      }
      if (day !== bucketDay) {
        // Entries of one day come together: look the buckets up once per day and level.
        bucketDay = day
        const month = this.month(day)
        const keepDay = day > this.today - this.retentionDays
        const keepGridDay = day > this.today - this.gridRetentionDays
        for (let i = 0; i < levels; i++) {
          const r = chain[i]
          const s = this.statsOf(r)
          monthBuckets[i] = s.month(month)
          const keep = (i === 0 && gridLevel) ? keepGridDay : keepDay
          dayBuckets[i] = keep ? (day >= this.hotFromOf(r) ? s.day(day) : this.coldDay(r, day)) : null
          this.dirtyBuckets.add(bucketKey(K_MONTH, month, r))
          if (keep) this.dirtyBuckets.add(bucketKey(this.dayKind[r], day, r))
        }
      }
      for (let i = 0; i < levels; i++) {
        monthBuckets[i]![field] += d
        const b = dayBuckets[i]
        if (b) b[field] += d
      }
    }
    for (let i = 0; i < chain.length; i++) {
      const s = this.statsOf(chain[i])
      s.open += dOpen
      s.overdue += dOverdue
      s.version++
    }
    if (after.nextChange !== Infinity) this.timers.push(after.nextChange, r)
    this.dirtyRequests.add(r)
    if (!after.open && this.tables) this.quietAt.push(lastActivity(r) + this.evictAfterMs, r)
  }

  private applyGrid(e: GridEvent): void {
    const grid = this.tree.indexOf(e.grid)
    const at = Date.parse(e.at)
    const chain = this.chain(grid)
    if (e.type === 'grid.patrol') {
      const day = dayIndex(at)
      const month = this.month(day)
      let grids = this.patrolled.get(day)
      if (!grids) this.patrolled.set(day, (grids = new Set()))
      const first = !grids.has(grid)
      if (first) {
        grids.add(grid)
        this.dirtyKv.add(`p:${day}`)
      }
      for (let i = 0; i < chain.length; i++) {
        const s = this.statsOf(chain[i])
        const keep = i === 0 ? day > this.today - this.gridRetentionDays : day > this.today - this.retentionDays
        const m = s.month(month)
        m[F.patrols]++
        if (first) m[F.patrolledGrids]++
        this.dirtyBuckets.add(bucketKey(K_MONTH, month, chain[i]))
        if (keep) {
          this.dirtyBuckets.add(bucketKey(this.dayKind[chain[i]], day, chain[i]))
          const d = day >= this.hotFromOf(chain[i]) ? s.day(day) : this.coldDay(chain[i], day)
          d[F.patrols]++
          if (first) d[F.patrolledGrids]++
        }
        s.version++
      }
      return
    }
    const key = `${e.grid}|${e.worker}`
    const prev = this.duty.get(key)
    if (prev && prev.at > at) return
    const on = e.type === 'grid.duty_on'
    this.duty.set(key, { at, on })
    this.dirtyKv.add(`u:${key}`)
    const d = (on ? 1 : 0) - (prev?.on ? 1 : 0)
    if (d === 0) return
    for (let i = 0; i < chain.length; i++) {
      const s = this.statsOf(chain[i])
      s.onDuty += d
      s.version++
    }
  }

  /** The whole state as a few large columns (fast to serialize and to restore), for checkpoints. */
  toState(): AggregatorState {
    const reqs = [...this.requests.values()]
    const n = reqs.length
    const created = new Float64Array(n * 6).fill(NaN)
    const times = new Float64Array(n * 3)
    const flags = new Uint8Array(n)
    const eventCounts = new Uint32Array(n)
    let totalEvents = 0
    for (const r of reqs) totalEvents += r.events.length
    const events = new Float64Array(totalEvents * 3)
    const departments: (string | null)[] = []
    let e = 0
    reqs.forEach((r, i) => {
      const c = r.created
      if (c) {
        const o = i * 6
        created[o] = c.at
        created[o + 1] = c.region
        created[o + 2] = c.category
        created[o + 3] = c.channel
        created[o + 4] = c.urgent ? 1 : 0
        created[o + 5] = c.deadline
      }
      times[i * 3] = r.evalNow
      times[i * 3 + 1] = r.firstSeen
      times[i * 3 + 2] = r.state ? r.state.nextChange : NaN
      flags[i] = r.state ? 1 | (r.state.valid ? 2 : 0) | (r.state.open ? 4 : 0) | (r.state.overdue ? 8 : 0) : 0
      departments.push(r.state?.department ?? null)
      eventCounts[i] = r.events.length
      for (const ev of r.events) {
        events[e++] = ev.kind
        events[e++] = ev.at
        events[e++] = ev.sat ?? -1
        departments.push(ev.department ?? null)
      }
    })
    const buckets = (pick: (s: RegionStats) => Map<number, Float64Array>, width: number) => {
      const regions: number[] = []
      const counts: number[] = []
      const keys: number[] = []
      const chunks: Float64Array[] = []
      this.stats.forEach((s, i) => {
        if (!s) return
        const m = pick(s)
        regions.push(i)
        counts.push(m.size)
        for (const [k, v] of m) {
          keys.push(k)
          chunks.push(v)
        }
      })
      const values = new Float64Array(chunks.length * width)
      chunks.forEach((c, j) => values.set(c, j * width))
      return { regions: Int32Array.from(regions), counts: Int32Array.from(counts), keys: Float64Array.from(keys), values }
    }
    const nowFigures: number[] = []
    this.stats.forEach((s, i) => s && nowFigures.push(i, s.open, s.overdue, s.onDuty))
    return {
      ids: JSON.stringify(reqs.map((r) => r.id)),
      created,
      times,
      flags,
      eventCounts,
      events,
      departments: JSON.stringify(departments),
      summaries: JSON.stringify(reqs.map((r) => r.summary ?? null)),
      days: buckets((s) => s.days, BUCKET_FIELDS),
      months: buckets((s) => s.months, BUCKET_FIELDS),
      hourly: buckets((s) => s.hourly, 48),
      nowFigures: Float64Array.from(nowFigures),
      duty: JSON.stringify([...this.duty]),
      patrolled: Float64Array.from([...this.patrolled].flatMap(([day, grids]) => [...grids].map((g) => g * 65536 + day))),
      counters: [this.orphansExpired, this.duplicateCreates, this.pending, this.today, this.lastEventAt ?? -1],
      unknownCategories: [...this.unknownCategories],
    }
  }

  /** Restores a state saved by `toState` into this (empty) aggregator. */
  fromState(st: AggregatorState): void {
    const ids = JSON.parse(st.ids) as string[]
    const departments = JSON.parse(st.departments) as (string | null)[]
    const summaries = JSON.parse(st.summaries) as (string | null)[]
    let e = 0
    let d = 0
    ids.forEach((id, i) => {
      const c = st.created
      const at = c[i * 6]
      const created: CreatedInfo | null = Number.isNaN(at)
        ? null
        : { at, region: c[i * 6 + 1], category: c[i * 6 + 2], channel: c[i * 6 + 3], urgent: c[i * 6 + 4] === 1, deadline: c[i * 6 + 5] }
      const f = st.flags[i]
      const stateDepartment = departments[d++]
      const nextChange = st.times[i * 3 + 2]
      const state: NowState | null =
        f & 1 ? { valid: !!(f & 2), open: !!(f & 4), overdue: !!(f & 8), nextChange, department: stateDepartment } : null
      const events: LifeEvent[] = new Array(st.eventCounts[i])
      for (let k = 0; k < events.length; k++) {
        const ev: LifeEvent = { kind: st.events[e] as Life, at: st.events[e + 1] }
        if (st.events[e + 2] >= 0) ev.sat = st.events[e + 2]
        const dep = departments[d++]
        if (dep !== null) ev.department = dep
        events[k] = ev
        e += 3
      }
      const r: RequestRecord = { id, created, events, evalNow: st.times[i * 3], state, firstSeen: st.times[i * 3 + 1] }
      if (summaries[i] !== null) r.summary = summaries[i]!
      this.requests.set(id, r)
      if (!created) this.orphans.add(r)
      if (state && state.nextChange !== Infinity) this.timers.push(state.nextChange, r)
    })
    const load = (b: BucketColumns, width: number, pick: (s: RegionStats) => Map<number, Float64Array>) => {
      let j = 0
      b.regions.forEach((region, ri) => {
        const m = pick(this.statsOf(region))
        for (let k = 0; k < b.counts[ri]; k++, j++) m.set(b.keys[j], b.values.subarray(j * width, (j + 1) * width))
      })
    }
    load(st.days, BUCKET_FIELDS, (s) => s.days)
    load(st.months, BUCKET_FIELDS, (s) => s.months)
    load(st.hourly, 48, (s) => s.hourly)
    for (let i = 0; i < st.nowFigures.length; i += 4) {
      const s = this.statsOf(st.nowFigures[i])
      s.open = st.nowFigures[i + 1]
      s.overdue = st.nowFigures[i + 2]
      s.onDuty = st.nowFigures[i + 3]
      s.version = 1
    }
    for (const [k, v] of JSON.parse(st.duty) as [string, { at: number; on: boolean }][]) this.duty.set(k, v)
    for (const k of st.patrolled) {
      const day = k % 65536
      let grids = this.patrolled.get(day)
      if (!grids) this.patrolled.set(day, (grids = new Set()))
      grids.add((k - day) / 65536)
    }
    ;[this.orphansExpired, this.duplicateCreates, this.pending, this.today] = st.counters
    this.lastEventAt = st.counters[4] < 0 ? null : st.counters[4]
    for (const [k, v] of st.unknownCategories) this.unknownCategories.set(k, v)
  }

  /** State rows changed since the last checkpoint. */
  get unsavedRows(): number {
    return this.dirtyBuckets.size + this.dirtyRequests.size + this.dirtyKv.size
  }

  /**
   * Takes the rows changed since the last checkpoint as they are now, cheaply (counters are
   * copied; requests are encoded later, or just before one changes), and returns a function that
   * encodes them `max` rows at a time, null when done. Closed requests quiet for `evictAfterMs`
   * leave memory here.
   */
  captureRows(now: number): (max: number) => StateRows | null {
    this.evictQuiet(now)
    const keys = Float64Array.from(this.dirtyBuckets)
    this.dirtyBuckets.clear()
    const offsets = new Uint32Array(keys.length + 1)
    for (let i = 0; i < keys.length; i++) offsets[i + 1] = offsets[i] + (splitBucketKey(keys[i]).kind === K_HOURLY ? 48 : BUCKET_FIELDS)
    const values = new Float64Array(offsets[keys.length])
    const present = new Uint8Array(keys.length)
    for (let i = 0; i < keys.length; i++) {
      const { kind, period, region } = splitBucketKey(keys[i])
      const s = this.stats[region]
      const b = kind === K_MONTH ? s?.months.get(period) : kind === K_HOURLY ? s?.hourly.get(period) : (s?.days.get(period) ?? this.coldCache.get(keys[i]))
      if (!b) continue
      values.set(b, offsets[i])
      present[i] = 1
    }
    const reqs = [...this.dirtyRequests]
    this.dirtyRequests.clear()
    const hot = reqs.map((r) => this.requests.get(r.id) === r)
    const early: (StateRows['requests'][number] | undefined)[] = new Array(reqs.length)
    const capturing = new Map<RequestRecord, number>()
    reqs.forEach((r, i) => capturing.set(r, i))
    this.capturing = capturing
    this.captured = early
    this.capturedHot = hot
    const dropped = [...this.droppedRequests]
    this.droppedRequests.clear()
    const kv = [...this.dirtyKv].map((k) => ({ k, v: this.kvValue(k) }))
    this.dirtyKv.clear()
    let b = 0
    let q = 0
    let rest = true
    return (max) => {
      if (b === keys.length && q === reqs.length && !rest) {
        if (this.capturing === capturing) this.capturing = null
        return null
      }
      const rows: StateRows = { buckets: [], requests: [], kv: [] }
      let n = 0
      for (; b < keys.length && n < max; b++, n++) {
        const { kind, period, region } = splitBucketKey(keys[b])
        rows.buckets.push({ kind, period, region, v: present[b] ? encodeBucket(values.subarray(offsets[b], offsets[b + 1])) : null })
      }
      for (; q < reqs.length && n < max; q++, n++) {
        const r = reqs[q]
        if (capturing.delete(r)) early[q] = this.requestRow(r, hot[q])
        rows.requests.push(early[q]!)
        early[q] = undefined
      }
      if (rest && n < max) {
        for (const id of dropped) rows.requests.push({ id, hot: true, late: false, completed: null, v: null })
        rows.kv.push(...kv)
        rest = false
      }
      return rows
    }
  }

  /** Encodes a request taken by a checkpoint before it changes (copy on write). */
  private touch(r: RequestRecord): void {
    const i = this.capturing?.get(r)
    if (i === undefined) return
    this.capturing!.delete(r)
    this.captured![i] = this.requestRow(r, this.capturedHot![i])
  }

  /** The rows of the last `captureRows` are committed: what left memory is no longer needed here. */
  persisted(): void {
    // Entries changed again since `captureRows` stay for the next checkpoint.
    for (const [k, b] of this.coldCache) {
      if (this.dirtyBuckets.has(k)) continue
      this.coldCache.delete(k)
      bucketPool.release(b)
    }
    this.leaving.clear()
  }

  private requestRow(r: RequestRecord, hot: boolean): StateRows['requests'][number] {
    let late = false
    let completed: number | null = null
    if (r.created && r.state?.valid && !r.state.open) {
      for (const e of r.events) if (e.kind === Life.Completed && e.at <= r.evalNow) completed = e.at
      late = completed !== null && completed > r.created.deadline
    }
    return { id: r.id, hot, late, completed, v: encodeRequest(r) }
  }

  private kvValue(k: string): Uint8Array | null {
    if (k.startsWith('u:')) {
      const d = this.duty.get(k.slice(2))
      if (!d) return null
      const buf = new Uint8Array(9)
      new DataView(buf.buffer).setFloat64(0, d.at, true)
      buf[8] = d.on ? 1 : 0
      return buf
    }
    const grids = this.patrolled.get(Number(k.slice(2)))
    return grids ? new Uint8Array(Int32Array.from(grids).buffer) : null
  }

  /**
   * Moves out of memory the closed requests whose last event is `evictAfterMs` old (their rows
   * stay in the tables; an event for one brings it back). A backfill's old requests leave at once.
   */
  private evictQuiet(now: number): void {
    if (!this.tables) return
    const q = this.quietAt
    while (q.peek() <= now) {
      const r = q.pop()!
      if (this.requests.get(r.id) !== r || !r.state || r.state.open || r.state.nextChange !== Infinity) continue
      if (lastActivity(r) + this.evictAfterMs > now) continue
      this.requests.delete(r.id)
      this.leaving.set(r.id, r)
      this.dirtyRequests.add(r)
    }
  }

  /** Loads what memory holds from the state tables: recent days, months, hot requests, duty, patrols. */
  loadTables(tables: StateTables, now: number): void {
    this.tables = tables
    this.today = dayIndex(now)
    for (const kind of DAY_KINDS) {
      for (const row of tables.buckets(kind, this.hotFromKind(kind))) this.statsOf(row.region).days.set(row.period, decodeBucket(row.v, BUCKET_FIELDS, bucketPool.alloc()))
    }
    for (const row of tables.buckets(K_MONTH, 0)) this.statsOf(row.region).months.set(row.period, decodeBucket(row.v, BUCKET_FIELDS, bucketPool.alloc()))
    for (const row of tables.buckets(K_HOURLY, this.today - 1)) this.statsOf(row.region).hourly.set(row.period, decodeBucket(row.v, 48, hourPool.alloc()))
    let pending = 0
    for (const text of tables.hotRequests()) {
      const r = decodeRequest(text)
      this.requests.set(r.id, r)
      if (!r.created) {
        this.orphans.add(r)
        pending++
        continue
      }
      const st = r.state
      if (!st) continue
      if (st.nextChange !== Infinity) this.timers.push(st.nextChange, r)
      if (!st.open) this.quietAt.push(lastActivity(r) + this.evictAfterMs, r)
      if (!st.open && !st.overdue) continue
      for (const i of this.chain(r.created.region)) {
        const s = this.statsOf(i)
        if (st.open) s.open++
        if (st.overdue) s.overdue++
      }
    }
    this.pending = pending
    for (const { k, v } of tables.kv('u:')) {
      const dv = new DataView(v.buffer, v.byteOffset, v.byteLength)
      const d = { at: dv.getFloat64(0, true), on: v[8] === 1 }
      const key = k.slice(2)
      this.duty.set(key, d)
      if (!d.on) continue
      for (const i of this.chain(this.tree.indexOf(key.slice(0, key.indexOf('|'))))) this.statsOf(i).onDuty++
    }
    for (const { k, v } of tables.kv('p:')) {
      const grids = new Int32Array(v.slice().buffer)
      this.patrolled.set(Number(k.slice(2)), new Set(grids))
    }
    for (const s of this.stats) if (s) s.version++
  }

  private month(day: number): number {
    let m = this.monthOf.get(day)
    if (m === undefined) this.monthOf.set(day, (m = monthIndex(day)))
    return m
  }

  /** Day rollover at 00:00 Asia/Shanghai: prunes what no window needs and marks every region changed. */
  private advanceDay(now: number): void {
    const today = dayIndex(now)
    if (today === this.today) return
    const first = this.today < 0
    this.today = today
    if (first) return
    for (let i = 0; i < this.stats.length; i++) {
      const s = this.stats[i]
      if (!s) continue
      s.version++
      const grid = this.tree.nodes[i].level === 'grid'
      for (const d of s.hourly.keys()) {
        if (d >= today - 1) continue
        hourPool.release(s.hourly.get(d)!)
        s.hourly.delete(d)
        this.dirtyBuckets.add(bucketKey(K_HOURLY, d, i))
      }
      const keep = grid ? this.gridRetentionDays : this.retentionDays
      const from = this.hotFromOf(i)
      for (const [d, b] of s.days) {
        if (d > today - keep && d >= from) continue
        s.days.delete(d)
        // Leaves memory; a change not yet written goes with the next checkpoint.
        const k = bucketKey(this.dayKind[i], d, i)
        if (d > today - keep && this.dirtyBuckets.has(k)) this.coldCache.set(k, b)
        else bucketPool.release(b)
      }
    }
    for (const day of this.patrolled.keys()) {
      if (day > today - this.gridRetentionDays) continue
      this.patrolled.delete(day)
      this.dirtyKv.add(`p:${day}`)
    }
  }
}

/** A set that keeps nothing. */
class NoSet<T> extends Set<T> {
  override add(): this {
    return this
  }
}

/** Time of a request's last event. */
function lastActivity(r: RequestRecord): number {
  const last = r.events.length ? r.events[r.events.length - 1].at : -Infinity
  return Math.max(r.created?.at ?? r.firstSeen, last)
}

function lifeEvent(e: RequestEvent): LifeEvent | null {
  const at = Date.parse(e.at)
  switch (e.type) {
    case 'request.dispatched':
      return { kind: Life.Dispatched, at, department: e.department }
    case 'request.signed':
      return { kind: Life.Signed, at, department: e.department }
    case 'request.returned':
      return { kind: Life.Returned, at, department: e.department }
    case 'request.completed':
      return { kind: Life.Completed, at }
    case 'request.visited':
      return { kind: Life.Visited, at, sat: SAT_CODES[e.satisfaction] }
    case 'request.reopened':
      return { kind: Life.Reopened, at }
    case 'request.supervised':
      return { kind: Life.Supervised, at }
    case 'request.invalidated':
      return { kind: Life.Invalidated, at }
    default:
      return null
  }
}
