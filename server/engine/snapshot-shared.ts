/**
 * Parts of snapshots shared between regions, so the snapshots the engine caches and the push
 * keeps per region hold only what is their own. A part is shared only where its JSON is exactly
 * what a new build would give: the empty figures of a quiet window, zero series, the day's dates,
 * a street's department rows in each of its communities' snapshots. Shared parts are frozen
 * (deeply), so a write into a snapshot's shared part throws instead of changing other regions'.
 */
import { CHANNELS } from '../../shared/enums.ts'
import { BUCKET_FIELDS, CAT_BASE, CHANNEL_BASE } from '../../shared/kpi/bucket-fields.ts'
import { windowFigures } from '../../shared/kpi/window-figures.ts'
import { WINDOWS, type HourlySeries, type WindowFigures, type WindowKey } from '../../shared/kpi-types.ts'
import type { CohortRate, CohortWindow } from '../../shared/cohort-types.ts'
import { STAGES, type ClosedLoopFigures, type DayFlow, type Stage, type StageBoard } from '../../shared/department-types.ts'
import { dayToDate } from '../../shared/time-windows.ts'

/** `v` with every object and array in it frozen. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const x of Object.values(v)) deepFreeze(x)
  }
  return v
}

/** Whether two JSON values are equal (same JSON text). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]
    if (k !== kb[i] || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
}

const isZero = (xs: ArrayLike<number>): boolean => {
  for (let i = 0; i < xs.length; i++) if (xs[i] !== 0) return false
  return true
}
const zeros = (n: number): number[] => deepFreeze(new Array<number>(n).fill(0))

/** The figures of a window with nothing in it. */
export const EMPTY_WINDOW: WindowFigures = deepFreeze(windowFigures(new Float64Array(BUCKET_FIELDS)))
const EMPTY_WINDOWS = deepFreeze(Object.fromEntries(WINDOWS.map((w) => [w, EMPTY_WINDOW])) as Record<WindowKey, WindowFigures>)
const NO_ENTRIES = deepFreeze({}) as Record<string, never>

/** Window figures of the summed buckets `s`: the shared empty figures, or new ones sharing their empty parts. */
export function sharedWindow(s: Float64Array): WindowFigures {
  if (isZero(s)) return EMPTY_WINDOW
  const f = windowFigures(s)
  // The figures list a category or channel when its counter is above zero.
  if (noneAbove(s, CAT_BASE, CHANNEL_BASE)) f.byCategory = NO_ENTRIES
  if (noneAbove(s, CHANNEL_BASE, CHANNEL_BASE + CHANNELS.length)) f.byChannel = NO_ENTRIES
  if (sameJson(f.n, EMPTY_WINDOW.n)) f.n = EMPTY_WINDOW.n
  // Counters the figures do not show (patrols, say) may be all that the window holds.
  return sameJson(f, EMPTY_WINDOW) ? EMPTY_WINDOW : f
}

function noneAbove(s: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s[i] > 0) return false
  return true
}

/** The windows record, shared when every window is empty. */
export const sharedWindows = (windows: Record<WindowKey, WindowFigures>): Record<WindowKey, WindowFigures> =>
  WINDOWS.every((w) => windows[w] === EMPTY_WINDOW) ? EMPTY_WINDOWS : windows

// One string per date (YYYY-MM-DD); cleared when it grows past a few years' worth.
const dateStrings = new Map<string, string>()
/** The shared string of date `s` (YYYY-MM-DD). */
export function sameDate(s: string): string {
  const shared = dateStrings.get(s)
  if (shared !== undefined) return shared
  if (dateStrings.size >= 2048) dateStrings.clear()
  dateStrings.set(s, s)
  return s
}

let lastDates: { today: number; dates: string[] } | undefined
/** The 30 dates of the daily series ending `today`, oldest first (one frozen array per day). */
export function dailyDates(today: number): string[] {
  if (lastDates?.today !== today) {
    const out: string[] = []
    for (let d = today - 29; d <= today; d++) out.push(sameDate(dayToDate(d)))
    lastDates = { today, dates: deepFreeze(out) }
  }
  return lastDates.dates
}

const ZERO_DAYS = zeros(30)
/** A daily series of 30 values: the shared zero series when all are zero. */
export const sharedDays = (xs: number[]): number[] => (xs.length === ZERO_DAYS.length && isZero(xs) ? ZERO_DAYS : xs)

const ZERO_HOURS = zeros(24)
const ZERO_HOURLY: HourlySeries = deepFreeze({ accepted: ZERO_HOURS, completed: ZERO_HOURS })
/** The hourly series of a day from its 48 counters (24 accepted, 24 completed), zero ones shared. */
export function sharedHourly(h: Float64Array | undefined): HourlySeries {
  if (!h || isZero(h.subarray(0, 48))) return ZERO_HOURLY
  const acc = h.subarray(0, 24)
  const comp = h.subarray(24, 48)
  return { accepted: isZero(acc) ? ZERO_HOURS : Array.from(acc), completed: isZero(comp) ? ZERO_HOURS : Array.from(comp) }
}

/** Children rows of a region without children. */
export const NO_ROWS: never[] = deepFreeze([])

const NO_COHORT_RATE: CohortRate = deepFreeze({ rate: null, n: 0, done: 0, from: null, to: null })
// Rates over mature cohorts with no requests, by their date range, and windows of two such rates;
// cleared when they grow past a few days' worth.
const emptyRates = new Map<string, CohortRate>()
const emptyWindows = new Map<CohortRate, Map<CohortRate, CohortWindow>>()

/** A cohort rate with its dates as shared strings, or a shared frozen one when it counts nothing. */
export function sharedCohortRate(r: CohortRate): CohortRate {
  if (r.n !== 0 || r.done !== 0 || r.rate !== null) {
    if (r.from !== null) r.from = sameDate(r.from)
    if (r.to !== null) r.to = sameDate(r.to)
    return r
  }
  if (r.from === null && r.to === null) return NO_COHORT_RATE
  const key = `${r.from}/${r.to}`
  let shared = emptyRates.get(key)
  if (!shared) {
    if (emptyRates.size >= 256) {
      emptyRates.clear()
      emptyWindows.clear()
    }
    shared = deepFreeze({ ...r })
    emptyRates.set(key, shared)
  }
  return shared
}

/** The window of two rates, one shared frozen window when both are shared (they count nothing). */
function sharedCohortWindow(h24: CohortRate, h72: CohortRate): CohortWindow {
  if (!Object.isFrozen(h24) || !Object.isFrozen(h72)) return { h24, h72 }
  let by72 = emptyWindows.get(h24)
  if (!by72) emptyWindows.set(h24, (by72 = new Map()))
  let w = by72.get(h72)
  if (!w) by72.set(h72, (w = deepFreeze({ h24, h72 })))
  return w
}

/** Every window's cohort rates (as just built), their empty parts shared. */
export function sharedCohort(windows: Record<WindowKey, CohortWindow>): Record<WindowKey, CohortWindow> {
  for (const w of WINDOWS) windows[w] = sharedCohortWindow(sharedCohortRate(windows[w].h24), sharedCohortRate(windows[w].h72))
  return windows
}

/** Department panels last built, per aggregator and scope region (a street's, in each of its communities' snapshots). */
const panels = new WeakMap<object, Map<string, ClosedLoopFigures['departments']>>()
const zeroParts: { board?: StageBoard; bands?: StageBoard[Stage]; flow?: DayFlow } = {}

/** `v` as the shared frozen `slot` when it is all zeros and equal to it (the first such `v` becomes it). */
function sharedZero<K extends keyof typeof zeroParts>(slot: K, v: NonNullable<(typeof zeroParts)[K]>): NonNullable<(typeof zeroParts)[K]> {
  if (!isZeroTree(v)) return v
  const shared = zeroParts[slot]
  if (shared && sameJson(shared, v)) return shared
  if (!shared) zeroParts[slot] = deepFreeze(v)
  return v
}

/**
 * The closed-loop figures with their parts shared: the department panel of the same scope equal to
 * the last one built for `owner` (the aggregator), a stage board or day's flow all zero.
 */
export function sharedClosedLoop(owner: object, c: ClosedLoopFigures): ClosedLoopFigures {
  return {
    ...c,
    departments: sharedPanel(owner, c.departments),
    stages: sharedBoard(c.stages),
    flow: { today: sharedZero('flow', c.flow.today), yesterday: sharedZero('flow', c.flow.yesterday) },
  }
}

/** A department panel (as just built): the last one of its scope when equal to it, else this one, frozen. */
export function sharedPanel(owner: object, departments: ClosedLoopFigures['departments']): ClosedLoopFigures['departments'] {
  let byScope = panels.get(owner)
  if (!byScope) panels.set(owner, (byScope = new Map()))
  const last = byScope.get(departments.scope)
  if (last && sameJson(last, departments)) return last
  byScope.set(departments.scope, deepFreeze(departments))
  return departments
}

/** A stage board (as just built) shared when all zero, else with its zero rows shared. */
function sharedBoard(board: StageBoard): StageBoard {
  if (isZeroTree(board)) return sharedZero('board', board)
  for (const s of STAGES) board[s] = sharedZero('bands', board[s])
  return board
}

/** Whether every number in a tree of plain objects is zero. */
function isZeroTree(v: unknown): boolean {
  if (typeof v === 'number') return v === 0
  if (typeof v !== 'object' || v === null) return false
  for (const x of Object.values(v)) if (!isZeroTree(x)) return false
  return true
}
