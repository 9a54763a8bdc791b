/**
 * What one request contributes to the figures of its departments (承办单位): a pure fold over its
 * events in time order, evaluated at `now`, like `foldRequest` for the region figures. The
 * aggregator retracts the previous contribution and adds the new one whenever the request changes,
 * so late, out-of-order and repeated events give the same figures as in-order ones.
 *
 * Attribution: a dispatch, its sign-for and a return count for the department dispatched to (a
 * return names the department returning, else the one holding it); a completion, its timeliness
 * and handling time for the department holding the request when completed; a reopen and a return
 * visit for the department that completed it. A returned request belongs to no department until
 * dispatched again, then to the next one.
 */
import { dayIndex } from '../time-windows.ts'
import { KEY_STRIDE } from './bucket-fields.ts'
import { isResolved } from './close-outcome.ts'
import { Life, SAT_CODES, type CreatedInfo, type FoldParams, type LifeEvent } from './request-contribution.ts'

/** Counters of a department in a day or month bucket. */
export const DF = {
  /** 派单: dispatches to the department. */
  dispatched: 0,
  /** Dispatches signed, or whose sign-for limit has passed (the denominator of 及时签收率). */
  signDue: 1,
  /** 及时签收: dispatches signed within the limit. */
  signTimely: 2,
  /** 签收: sign-for events. */
  signed: 3,
  /** 退单: returns by the department. */
  returned: 4,
  /** 办结: completions while the department held the request. */
  completed: 5,
  /** 按时办结: of those, completed by the request's deadline. */
  completedOnTime: 6,
  /** Seconds from the dispatch to the department (or the reopen) to the completion. */
  handleSeconds: 7,
  /** 重办: reopens of requests the department completed. */
  reopened: 8,
  /** 回访: return visits of requests the department completed. */
  visits: 9,
  /** Visits rated satisfied or basically satisfied. */
  visitsGood: 10,
} as const
/** Counters per department in a bucket. */
export const DEPT_FIELDS = 11

/** Receives `(department, day * KEY_STRIDE + field, delta)`; `department` is null for a sign-for of no known department. */
export type DepartmentSink = (department: string | null, key: number, delta: number) => void

const key = (at: number, field: number) => dayIndex(at) * KEY_STRIDE + field

/**
 * Folds a request's department figures into `sink` with weight `sign` and returns the department
 * holding it at `now` (null when not dispatched, returned and not yet dispatched again, completed,
 * or invalid).
 */
export function foldDepartments(c: CreatedInfo, events: readonly LifeEvent[], p: FoldParams, sink: DepartmentSink, sign: number): string | null {
  for (const e of events) if (e.kind === Life.Invalidated && e.at <= p.now) return null
  const signLimit = c.urgent ? p.signLimitUrgentMs : p.signLimitNormalMs
  let current: string | null = null
  let since = c.at
  let pendingDept: string | null = null
  let pendingAt = -1
  let completed = false
  let completedBy: string | null = null
  for (const e of events) {
    switch (e.kind) {
      case Life.Dispatched: {
        // A dispatch superseded before signing counts as due once its limit passed by then.
        if (pendingDept !== null && e.at - pendingAt > signLimit) sink(pendingDept, key(pendingAt, DF.signDue), sign)
        pendingDept = null
        const dept: string | null = e.department ?? current
        if (dept === null) break
        sink(dept, key(e.at, DF.dispatched), sign)
        pendingDept = dept
        pendingAt = e.at
        current = dept
        since = e.at
        break
      }
      case Life.Signed:
        if (pendingDept !== null) {
          sink(pendingDept, key(pendingAt, DF.signDue), sign)
          if (e.at - pendingAt <= signLimit) sink(pendingDept, key(pendingAt, DF.signTimely), sign)
          pendingDept = null
        }
        if (e.department) current = e.department
        sink(e.department ?? current, key(e.at, DF.signed), sign)
        break
      case Life.Returned: {
        const dept: string | null = e.department ?? current
        if (dept !== null) sink(dept, key(e.at, DF.returned), sign)
        if (pendingDept !== null && e.at - pendingAt > signLimit) sink(pendingDept, key(pendingAt, DF.signDue), sign)
        pendingDept = null
        current = null
        break
      }
      case Life.Completed:
        if (completed) break
        completed = true
        // A close without 办结 (close-outcome.ts) is no department's 办结, and no visit or reopen is theirs.
        completedBy = isResolved(e.outcome) ? current : null
        if (completedBy === null) break
        sink(current, key(e.at, DF.completed), sign)
        if (e.at <= c.deadline) sink(current, key(e.at, DF.completedOnTime), sign)
        sink(current, key(e.at, DF.handleSeconds), sign * Math.max(0, Math.round((e.at - since) / 1000)))
        break
      case Life.Reopened:
        if (completed && completedBy !== null) sink(completedBy, key(e.at, DF.reopened), sign)
        if (completed) since = e.at
        completed = false
        break
      case Life.Visited:
        if (completedBy === null) break
        sink(completedBy, key(e.at, DF.visits), sign)
        if (e.sat !== SAT_CODES.dissatisfied) sink(completedBy, key(e.at, DF.visitsGood), sign)
        break
    }
  }
  if (pendingDept !== null && pendingAt + signLimit <= p.now) sink(pendingDept, key(pendingAt, DF.signDue), sign)
  return completed ? null : current
}
