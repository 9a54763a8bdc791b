/**
 * The whole aggregator as a few large columns (fast to serialize and to restore), for a store
 * without state tables: a checkpoint holds everything at once.
 */
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'
import type { CreatedInfo, Life, LifeEvent, NowState } from '../../shared/kpi/request-contribution.ts'
import type { Aggregator } from './aggregator.ts'
import type { RegionStats } from './region-stats.ts'
import type { RequestRecord } from './request-record.ts'

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

const HOURLY_WIDTH = 48

/** The whole state of `agg`. */
export function aggregatorToState(agg: Aggregator): AggregatorState {
  const reqs = [...agg.requests.values()]
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
    if (c) created.set([c.at, c.region, c.category, c.channel, c.urgent ? 1 : 0, c.deadline], i * 6)
    times.set([r.evalNow, r.firstSeen, r.state ? r.state.nextChange : NaN], i * 3)
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
  const stats = agg.counters.stats
  const buckets = (pick: (s: RegionStats) => Map<number, Float64Array>, width: number): BucketColumns => {
    const regions: number[] = []
    const counts: number[] = []
    const keys: number[] = []
    const chunks: Float64Array[] = []
    stats.forEach((s, i) => {
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
  stats.forEach((s, i) => s && nowFigures.push(i, s.open, s.overdue, s.onDuty))
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
    hourly: buckets((s) => s.hourly, HOURLY_WIDTH),
    nowFigures: Float64Array.from(nowFigures),
    ...agg.grid.toState(),
    counters: [agg.orphansExpired, agg.duplicateCreates, agg.pendingRequests, agg.today, agg.lastEventAt ?? -1],
    unknownCategories: [...agg.unknownCategories],
  }
}

/** Restores a state saved by `aggregatorToState` into `agg` (empty). */
export function aggregatorFromState(agg: Aggregator, st: AggregatorState): void {
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
    const state: NowState | null = f & 1 ? { valid: !!(f & 2), open: !!(f & 4), overdue: !!(f & 8), nextChange, department: stateDepartment } : null
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
    agg.adopt(r)
  })
  const load = (b: BucketColumns, width: number, pick: (s: RegionStats) => Map<number, Float64Array>) => {
    let j = 0
    b.regions.forEach((region, ri) => {
      const m = pick(agg.statsOf(region))
      for (let k = 0; k < b.counts[ri]; k++, j++) m.set(b.keys[j], b.values.subarray(j * width, (j + 1) * width))
    })
  }
  load(st.days, BUCKET_FIELDS, (s) => s.days)
  load(st.months, BUCKET_FIELDS, (s) => s.months)
  load(st.hourly, HOURLY_WIDTH, (s) => s.hourly)
  for (let i = 0; i < st.nowFigures.length; i += 4) {
    const s = agg.statsOf(st.nowFigures[i])
    s.open = st.nowFigures[i + 1]
    s.overdue = st.nowFigures[i + 2]
    s.onDuty = st.nowFigures[i + 3]
    s.version = 1
  }
  agg.grid.fromState(st)
  const [orphansExpired, duplicateCreates, , today, lastEventAt] = st.counters
  agg.orphansExpired = orphansExpired
  agg.duplicateCreates = duplicateCreates
  agg.today = today
  agg.lastEventAt = lastEventAt < 0 ? null : lastEventAt
  for (const [k, v] of st.unknownCategories) agg.unknownCategories.set(k, v)
}
