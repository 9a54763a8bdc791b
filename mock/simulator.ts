/** The city simulator: a deterministic, time-ordered stream of ingest events for a region tree. */
import { CATEGORIES, type Category } from '../shared/categories.ts'
import type { Channel, IngestEvent, Urgency } from '../shared/events.ts'
import type { RegionTree } from '../shared/region-tree.ts'
import { dateOf, DAY_MS, dayIndex, HOUR_MS, hourOfDay, MINUTE_MS, monthOf, startOfDay, weekdayOf } from '../shared/time-windows.ts'
import { buildCity, REQUESTS_PER_COMMUNITY_DAY, type City } from './city.ts'
import { TimeHeap } from '../shared/time-heap.ts'
import { coldSnapOn, COLD_SNAP_MIX, COLD_SNAP_VOLUME, HOLIDAY_MIX, HOLIDAY_VOLUME, holidayOf, isWorkingDay } from './holidays.ts'
import { isoTime } from './iso-time.ts'
import { DEFAULT_RATES, deadlineSpan, lifecycle, MAX_LIFESPAN, type LifecycleRates, type StepSlot, type Steps } from './lifecycle.ts'
import { cumulative, mixSeed, mulberry32, normal, pick, poisson, uniform, type Random } from './random.ts'
import {
  categoryWeights,
  CHANNEL_WEIGHTS,
  DEFAULT_URGENT_SHARE,
  HOUR_VOLUME,
  MONTH_VOLUME,
  summaryFor,
  URGENT_SHARE,
  WEEKDAY_VOLUME,
} from './taxonomy.ts'

/** `YYYYMMDD` of the Shanghai day holding `ms`. */
const compactDate = (ms: number): string => dateOf(ms).replaceAll('-', '')

/** A request a scenario adds on top of the normal stream. */
export interface ExtraRequest {
  created: number
  /** Index into `City.communities`. */
  community: number
  category: Category
  channel: Channel
  urgency: Urgency
  summary?: string
}

/** What a scenario changes: extra requests (ids tagged) and a volume factor over time. */
export interface Overlay {
  /** Short id-safe tag for the extra requests' ids, e.g. `surge-20261122T1300`. */
  tag: string
  extra: ExtraRequest[]
  /** Multiplies the normal request volume at time t (default 1). */
  volumeFactor?: (t: number) => number
}

export interface SimulatorOptions {
  tree: RegionTree
  seed: number
  /** Requests created from this time on are simulated (ms). */
  from: number
  /** Events before this time are not handed out (a resumed run); default `from`. */
  resumeAt?: number
  /** Grid workers' events (duty, patrols) start on the day of this time (Infinity: none); default `from`. */
  gridFrom?: number
  /** Valid requests a day for the whole root; default 1,500 scaled by communities (鞍山市: 1,500). */
  dailyVolume?: number
  rates?: Partial<LifecycleRates>
  overlays?: Overlay[]
  /**
   * Centre [lon, lat] of a region, for `location`; omitted when absent. With `within`, a scattered
   * location outside the region's cell is drawn in towards the centre until it lies inside.
   */
  locate?: ((code: string) => [number, number] | undefined) & { within?: (code: string, p: [number, number]) => boolean }
  /** Prefix of every id; default `sim<seed>`. A different city or rate set should use a different prefix. */
  idPrefix?: string
  /**
   * Only the part of the city whose requests and shifts start on days `index` mod `count`: the
   * shards of one seed are disjoint, their union is the whole stream (file mode runs them in
   * parallel and merges them by time). Scenario requests go to shard 0.
   */
  shard?: { index: number; count: number }
}

export interface Simulator {
  readonly city: City
  readonly idPrefix: string
  /** Every event before this time has been handed out (a safe resume point). */
  readonly cursor: number
  /** The next events before `until`, at most `max`, in time order; their times (ms) are appended to `times` if given. */
  take(until: number, max?: number, times?: number[]): IngestEvent[]
}

/** A request whose creation time has not come yet: only its identity and random source. */
class PendingRequest {
  constructor(
    readonly requestId: string,
    readonly x: ExtraRequest,
    readonly rnd: Random,
  ) {}
}

const CHANNELS_ON_SHIFT = cumulative(CHANNEL_WEIGHTS.map(([, w]) => w))
const CHANNELS_OFF_SHIFT = cumulative(CHANNEL_WEIGHTS.map(([c, w]) => (c === 'grid' ? 0 : w)))
const HOURS = cumulative(HOUR_VOLUME)
const CATEGORY_CACHE = new Map<string, Float64Array>()

/** Cumulative category weights of a month, lifted by the day's holiday and cold snap. */
function categoriesOf(month: number, lifts: (Partial<Record<Category, number>> | null)[], key: string): Float64Array {
  let c = CATEGORY_CACHE.get(key)
  if (!c) {
    const w = categoryWeights(month).map((x, i) => lifts.reduce((a, l) => a * (l?.[CATEGORIES[i]] ?? 1), x))
    CATEGORY_CACHE.set(key, (c = cumulative(w)))
  }
  return c
}

/** Creates a simulator; nothing is generated until `take` asks for it. */
export function createSimulator(opts: SimulatorOptions): Simulator {
  const city = buildCity(opts.tree)
  const rates: LifecycleRates = { ...DEFAULT_RATES, ...opts.rates }
  const seed = opts.seed >>> 0
  const from = opts.from
  const resumeAt = Math.max(from, opts.resumeAt ?? from)
  const gridFrom = opts.gridFrom ?? from
  const gridFromDay = Number.isFinite(gridFrom) ? startOfDay(gridFrom) : Infinity
  const volume = opts.dailyVolume ?? REQUESTS_PER_COMMUNITY_DAY * city.communities.length
  const prefix = opts.idPrefix ?? `sim${seed}`
  const overlays = opts.overlays ?? []
  const locate = opts.locate
  const shard = opts.shard ?? { index: 0, count: 1 }
  const inShard = (day: number): boolean => dayIndex(day) % shard.count === shard.index
  const queue = new TimeHeap<Steps | PendingRequest>()
  const slot: StepSlot = { event: null }
  // Regenerate only the days whose requests can still have events at or after the resume point.
  let nextDay = Math.max(startOfDay(from), startOfDay(resumeAt - MAX_LIFESPAN))
  let cursor = resumeAt

  const located = (code: string, rnd: Random): [number, number] | undefined => {
    const dx = rnd() - 0.5
    const dy = rnd() - 0.5
    const c = locate?.(code)
    if (!c) return undefined
    for (let k = 1; k >= 1 / 16; k /= 2) {
      const p: [number, number] = [Math.round((c[0] + dx * 0.01 * k) * 1e6) / 1e6, Math.round((c[1] + dy * 0.008 * k) * 1e6) / 1e6]
      if (!locate?.within || locate.within(code, p)) return p
    }
    return c
  }

  /**
   * Opens a request at its creation time: writes `request.created` and queues the rest of its life.
   * Its random numbers are drawn only now, so a long backfill holds seeds, not plans.
   */
  function open(p: PendingRequest): void {
    const { requestId, x, rnd } = p
    const community = city.communities[x.community]
    const onGrid = x.channel === 'grid' || rnd() < 0.6
    const region = onGrid ? community.grids[Math.floor(rnd() * community.grids.length)] : community.code
    const deadline = x.created + deadlineSpan(x.urgency)
    const summary = x.summary ?? summaryFor(x.category, community.place, rnd, x.channel)
    const location = located(region, rnd)
    const created: IngestEvent = {
      id: requestId + '.0',
      type: 'request.created',
      at: isoTime(x.created),
      requestId,
      region,
      category: x.category,
      channel: x.channel,
      urgency: x.urgency,
      deadline: isoTime(deadline),
      summary,
    }
    if (location) created.location = location
    slot.event = created
    // Queued as it is: a generator delegating to another (`yield*`) cost a fifth of the run.
    const steps = lifecycle(rnd, { requestId, created: x.created, category: x.category, channel: x.channel, urgency: x.urgency, deadline }, rates, slot)
    const next = steps.next()
    if (!next.done) queue.push(next.value, steps)
  }

  /** One grid worker's shift: on duty, patrols in their grid, off duty. */
  function* shift(grid: string, times: Float64Array, locations: ([number, number] | undefined)[], id: string): Steps {
    const worker = `wk-${grid}`
    const last = times.length - 1
    for (let k = 0; k <= last; k++) {
      if (k > 0) yield times[k]
      const at = isoTime(times[k])
      if (k === 0) slot.event = { id: id + k, type: 'grid.duty_on', at, grid, worker }
      else if (k === last) slot.event = { id: id + k, type: 'grid.duty_off', at, grid, worker }
      else {
        const patrol: IngestEvent = { id: id + k, type: 'grid.patrol', at, grid, worker }
        const location = locations[k - 1]
        if (location) patrol.location = location
        slot.event = patrol
      }
    }
  }

  const factorAt = (t: number): number => {
    let f = 1
    for (const o of overlays) if (o.volumeFactor) f *= o.volumeFactor(t)
    return f
  }

  const generateRequests = (day: number): void => {
    const num = dayIndex(day)
    const rnd = mulberry32(mixSeed(seed, num, 0xda7))
    const month = monthOf(day)
    const weekday = weekdayOf(day)
    const holiday = holidayOf(day)
    const cold = coldSnapOn(seed, day)
    const dayFactor = (holiday ? HOLIDAY_VOLUME[holiday] * WEEKDAY_VOLUME[1] : WEEKDAY_VOLUME[weekday]) * (cold ? COLD_SNAP_VOLUME : 1)
    const mean = (volume * MONTH_VOLUME[month] * dayFactor) / (1 - rates.invalid)
    const n = poisson(rnd, mean)
    const times = new Float64Array(n)
    for (let i = 0; i < n; i++) times[i] = day + pick(rnd, HOURS) * HOUR_MS + Math.floor(rnd() * HOUR_MS)
    times.sort()
    const categories = categoriesOf(month, [holiday && HOLIDAY_MIX[holiday], cold && COLD_SNAP_MIX], `${month}:${holiday}:${!!cold}`)
    const weekend = !isWorkingDay(day)
    const date = compactDate(day)
    for (let i = 0; i < n; i++) {
      const created = times[i]
      if (created < from) continue
      const rr = mulberry32(mixSeed(seed, num, i))
      // Always drawn, so a scenario's thinning never shifts the other requests' random numbers.
      const keep = rr()
      if (keep >= factorAt(created)) continue
      const h = hourOfDay(created)
      const onShift = h >= 8 && h < 17 && (!weekend || rr() < 0.35)
      const channel = CHANNEL_WEIGHTS[pick(rr, onShift ? CHANNELS_ON_SHIFT : CHANNELS_OFF_SHIFT)][0]
      const category = CATEGORIES[pick(rr, categories)]
      const urgency: Urgency = rr() < (URGENT_SHARE[category] ?? DEFAULT_URGENT_SHARE) ? 'urgent' : 'normal'
      const community = pick(rr, city.communityWeights)
      const requestId = `${prefix}-${date}-${String(i).padStart(5, '0')}`
      queue.push(created, new PendingRequest(requestId, { created, community, category, channel, urgency }, rr))
    }
  }

  const generateGrids = (day: number): void => {
    const num = dayIndex(day)
    const rnd = mulberry32(mixSeed(seed, num, 0x6a1d))
    const onDutyShare = isWorkingDay(day) ? 0.93 : 0.35
    const date = compactDate(day)
    for (let g = 0; g < city.grids.length; g++) {
      const on = rnd() < onDutyShare
      const start = day + 8 * HOUR_MS + Math.round(normal(rnd) * 10 * MINUTE_MS)
      const end = day + 17.5 * HOUR_MS + Math.round(normal(rnd) * 15 * MINUTE_MS)
      const patrols = 2 + Math.floor(rnd() * 3)
      if (!on) continue
      const grid = city.grids[g]
      const times = new Float64Array(patrols + 2)
      times[0] = start
      times[patrols + 1] = end
      for (let k = 1; k <= patrols; k++) times[k] = Math.round(uniform(rnd, start + 15 * MINUTE_MS, end - 15 * MINUTE_MS))
      times.subarray(1, patrols + 1).sort()
      const locations: ([number, number] | undefined)[] = []
      for (let k = 0; k < patrols; k++) locations.push(located(grid, rnd))
      queue.push(start, shift(grid, times, locations, `${prefix}-g${date}-${g}.`))
    }
  }

  for (const o of shard.index === 0 ? overlays : []) {
    o.extra.forEach((x, i) => {
      if (x.created >= from) queue.push(x.created, new PendingRequest(`${prefix}-${o.tag}-${i}`, x, mulberry32(mixSeed(seed, x.created, i, 0x5ce))))
    })
  }

  return {
    city,
    idPrefix: prefix,
    get cursor() {
      return cursor
    },
    take(until: number, max = Infinity, times?: number[]): IngestEvent[] {
      const out: IngestEvent[] = []
      for (;;) {
        const top = queue.peekTime()
        if (nextDay < until && nextDay <= top) {
          if (inShard(nextDay)) {
            generateRequests(nextDay)
            if (nextDay >= gridFromDay) generateGrids(nextDay)
          }
          nextDay += DAY_MS
          continue
        }
        if (top >= until || out.length >= max) break
        const item = queue.pop()!
        slot.event = null
        if (item instanceof PendingRequest) open(item)
        else {
          const next = item.next()
          if (!next.done) queue.push(next.value, item)
        }
        const e = slot.event as IngestEvent | null
        // Events are made with their time; those before a resume point are made and dropped.
        if (e && top >= resumeAt) {
          out.push(e)
          times?.push(top)
        }
      }
      cursor = Math.max(cursor, Math.min(until, queue.peekTime(), nextDay))
      return out
    },
  }
}
