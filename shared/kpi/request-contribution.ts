/**
 * What one request contributes to the KPIs: a pure fold over its events, in time order,
 * evaluated at a given `now`. The aggregator retracts a request's previous contribution and
 * adds the new one whenever the request changes, so out-of-order and late events give the
 * same result as in-order ones.
 */
import { CHANNELS } from '../enums.ts'
import { dayIndex, hourOfDay } from '../time-windows.ts'
import { CAT_BASE, CHANNEL_BASE, F, HOURLY_BASE, KEY_STRIDE } from './bucket-fields.ts'
import { foldCohort } from './cohort-rates.ts'
import { isResolved, UNRESOLVED_FIELD } from './close-outcome.ts'

/** Lifecycle event kinds. */
export const Life = {
  Dispatched: 1,
  Signed: 2,
  Returned: 3,
  Completed: 4,
  Visited: 5,
  Reopened: 6,
  Supervised: 7,
  Invalidated: 8,
} as const
export type Life = (typeof Life)[keyof typeof Life]

/** Satisfaction codes for `Life.Visited`. */
export const SAT_CODES = { satisfied: 0, basic: 1, dissatisfied: 2 } as const

/** A lifecycle event as the aggregator keeps it. */
export interface LifeEvent {
  kind: Life
  at: number
  /** Satisfaction code for visits. */
  sat?: number
  department?: string
  /** Close outcome code of `Life.Completed` (`close-outcome.ts`): absent or 0 is 办结, others close without it. */
  outcome?: number
}

/** The fields of `request.created` the server remembers. */
export interface CreatedInfo {
  at: number
  region: number
  category: number
  channel: number
  urgent: boolean
  deadline: number
}

/** Limits the fold needs. */
export interface FoldParams {
  now: number
  signLimitUrgentMs: number
  signLimitNormalMs: number
}

/** The request's state at `now`. */
export interface NowState {
  valid: boolean
  open: boolean
  overdue: boolean
  /** Next instant the contribution changes with no event arriving, or Infinity. */
  nextChange: number
  /** Department the request is with, if dispatched. */
  department: string | null
  /** Closed without 办结 (未办结关闭, `close-outcome.ts`) and not reopened since. */
  unresolved: boolean
}

/** Receives `(day * KEY_STRIDE + field, delta)`. */
export type Sink = (key: number, delta: number) => void

const key = (at: number, field: number) => dayIndex(at) * KEY_STRIDE + field

// Events at the same instant are ordered by what must come first, so arrival order never matters.
const TIE_RANK: Record<Life, number> = {
  [Life.Returned]: 0,
  [Life.Dispatched]: 1,
  [Life.Signed]: 2,
  [Life.Supervised]: 3,
  [Life.Completed]: 4,
  [Life.Reopened]: 5,
  [Life.Visited]: 6,
  [Life.Invalidated]: 7,
}

/** Total order of lifecycle events: time, then lifecycle rank, then department, rating and close outcome. */
export function compareEvents(a: LifeEvent, b: LifeEvent): number {
  return (
    a.at - b.at ||
    TIE_RANK[a.kind] - TIE_RANK[b.kind] ||
    (a.department ?? '').localeCompare(b.department ?? '') ||
    (a.sat ?? -1) - (b.sat ?? -1) ||
    (a.outcome ?? 0) - (b.outcome ?? 0)
  )
}

/** Inserts an event keeping the total order of `compareEvents`. */
export function insertEvent(events: LifeEvent[], e: LifeEvent): void {
  let i = events.length
  while (i > 0 && compareEvents(events[i - 1], e) > 0) i--
  events.splice(i, 0, e)
}

/** Folds a request into `sink` with weight `sign` (+1 apply, −1 retract) and returns its state at `now`. */
export function foldRequest(c: CreatedInfo, events: readonly LifeEvent[], p: FoldParams, sink: Sink, sign: number): NowState {
  for (const e of events) {
    if (e.kind === Life.Invalidated && e.at <= p.now) {
      return { valid: false, open: false, overdue: false, nextChange: Infinity, department: null, unresolved: false }
    }
  }
  let nextChange = Infinity
  sink(key(c.at, F.accepted), sign)
  sink(key(c.at, HOURLY_BASE + hourOfDay(c.at)), sign)
  sink(key(c.at, CAT_BASE + c.category), sign)
  sink(key(c.at, CHANNEL_BASE + c.channel), sign)
  if (c.channel === GRID_CHANNEL) sink(key(c.at, F.gridFound), sign)

  const signLimit = c.urgent ? p.signLimitUrgentMs : p.signLimitNormalMs
  let dispatchedEver = false
  let pendingDispatchAt = -1
  /** Closed (办结 or not) and not reopened since. */
  let completed = false
  /** The last close was 办结. */
  let resolved = false
  let firstCompletedAt = -1
  let department: string | null = null
  let openSince = c.at
  for (const e of events) {
    switch (e.kind) {
      case Life.Dispatched:
        if (pendingDispatchAt >= 0) settleUnsigned(pendingDispatchAt, e.at, signLimit, sink, sign)
        dispatchedEver = true
        pendingDispatchAt = e.at
        department = e.department ?? department
        break
      case Life.Signed:
        if (pendingDispatchAt >= 0) {
          const due = key(pendingDispatchAt, F.signDue)
          sink(due, sign)
          if (e.at - pendingDispatchAt <= signLimit) sink(key(pendingDispatchAt, F.signTimely), sign)
          pendingDispatchAt = -1
        }
        if (e.department) department = e.department
        break
      case Life.Returned:
        sink(key(e.at, F.returned), sign)
        if (pendingDispatchAt >= 0) settleUnsigned(pendingDispatchAt, e.at, signLimit, sink, sign)
        pendingDispatchAt = -1
        break
      case Life.Completed:
        if (completed) break
        completed = true
        closeInterval(openSince, e.at, c.deadline, sink, sign)
        // A close without 办结 (close-outcome.ts) leaves 在办 and counts nowhere else.
        resolved = isResolved(e.outcome)
        if (!resolved) break
        if (firstCompletedAt < 0) firstCompletedAt = e.at
        sink(key(e.at, F.completed), sign)
        sink(key(e.at, HOURLY_BASE + 24 + hourOfDay(e.at)), sign)
        if (e.at <= c.deadline) sink(key(e.at, F.completedOnTime), sign)
        sink(key(e.at, F.handleSeconds), sign * Math.max(0, Math.round((e.at - c.at) / 1000)))
        break
      case Life.Reopened:
        sink(key(e.at, F.reopened), sign)
        if (completed) openSince = e.at
        completed = false
        break
      case Life.Supervised:
        sink(key(e.at, F.supervised), sign)
        break
      case Life.Visited:
        sink(key(e.at, F.visits), sign)
        if (e.sat !== SAT_CODES.dissatisfied) sink(key(e.at, F.visitsGood), sign)
        break
      case Life.Invalidated:
        // Only future-dated invalidations reach here; they take effect when their time comes.
        nextChange = Math.min(nextChange, e.at)
        break
    }
  }
  if (pendingDispatchAt >= 0) {
    const limitAt = pendingDispatchAt + signLimit
    if (limitAt <= p.now) sink(key(pendingDispatchAt, F.signDue), sign)
    else nextChange = Math.min(nextChange, limitAt + 1)
  }
  foldCohort(c.at, firstCompletedAt, sink, sign)
  if (completed && resolved) {
    sink(key(c.at, F.createdCompleted), sign)
    if (!dispatchedEver) sink(key(c.at, F.directAnswer), sign)
  } else if (completed) sink(key(c.at, UNRESOLVED_FIELD), sign)
  const open = !completed
  const overdue = open && c.deadline < p.now
  if (open) {
    sink(key(openSince, F.openDelta), sign)
    if (overdue) sink(key(Math.max(openSince, c.deadline), F.overdueDelta), sign)
  }
  if (open && !overdue) nextChange = Math.min(nextChange, c.deadline + 1)
  return { valid: true, open, overdue, nextChange, department, unresolved: completed && !resolved }
}

// A dispatch superseded or returned before signing counts as due once its limit passed by then.
function settleUnsigned(dispatchAt: number, endAt: number, signLimit: number, sink: Sink, sign: number): void {
  if (endAt - dispatchAt > signLimit) sink(key(dispatchAt, F.signDue), sign)
}

// Open and overdue intervals as day deltas, so open/overdue at the end of any past day is a prefix sum.
function closeInterval(openSince: number, end: number, deadline: number, sink: Sink, sign: number): void {
  sink(key(openSince, F.openDelta), sign)
  sink(key(end, F.openDelta), -sign)
  if (deadline < end) {
    sink(key(Math.max(openSince, deadline), F.overdueDelta), sign)
    sink(key(end, F.overdueDelta), -sign)
  }
}

const GRID_CHANNEL = CHANNELS.indexOf('grid')
