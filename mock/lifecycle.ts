/** One work order's life after 受理: dispatch, sign-for, completion, visit, with the rarer turns. */
import type { Category } from '../shared/categories.ts'
import type { Channel, CloseOutcome, IngestEvent, Satisfaction, Urgency } from '../shared/events.ts'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../shared/time-windows.ts'
import { isoTime } from './iso-time.ts'
import { logNormal, uniform, type Random } from './random.ts'
import { DEPARTMENTS } from './taxonomy.ts'
import { departmentProfile } from './departments.ts'
import { reportTime } from './work-hours.ts'

/** Probabilities that shape the lifecycle; the defaults give Anshan-like rates. */
export interface LifecycleRates {
  /** Share of created requests later invalidated (无效). */
  invalid: number
  /** Share of hotline/app/WeChat/web requests answered on the call (直接答复). */
  direct: number
  /** Share of completions that get a return visit (回访). */
  visit: number
  /** Share of dispatches returned by the department (退单). */
  returned: number
  /** Share of dispatched requests that are hard cases (疑难): supervised weekly, closed after weeks. */
  hard: number
  /** Days a hard case stays open: uniform between these. */
  hardDays: [number, number]
  /** Visit outcome weights: satisfied, basic, dissatisfied. */
  satisfaction: [number, number, number]
  /** Share of dissatisfied visits that reopen the request (重办). */
  reopenDissatisfied: number
  /** Share of overdue requests supervised (督办). */
  superviseOverdue: number
  /** Median hours from 督办 to completion: supervision gets a late request closed. */
  closeAfterSupervisionHours: number
  /** Median hours to completion for normal and urgent requests. */
  medianHandleHours: { normal: number; urgent: number }
  /**
   * Shares of valid requests closed without 办结 (`outcome` of `request.completed`): 不予受理 after
   * the hotline's review in office hours, 撤回 by the citizen while it is handled, 无法办理 by the
   * department when its handling ends. None gets a return visit.
   */
  closedWithout: { rejected: number; withdrawn: number; unresolvable: number }
}

/**
 * Default rates: ~25% direct answers, ~95% on time, ~95% satisfied or basic; 1% hard cases open
 * 2–5 weeks (the long tail of 超期), every other late request supervised and closed within days;
 * 1.4% closed without 办结, so ≈ 98% of the year is 办结 (the seed's 352.1万 / 359.3万).
 */
export const DEFAULT_RATES: LifecycleRates = {
  invalid: 0.03,
  direct: 0.31,
  visit: 0.7,
  returned: 0.04,
  hard: 0.01,
  hardDays: [14, 35],
  satisfaction: [0.85, 0.105, 0.045],
  reopenDissatisfied: 0.35,
  superviseOverdue: 0.9,
  closeAfterSupervisionHours: 30,
  medianHandleHours: { normal: 30, urgent: 5 },
  closedWithout: { rejected: 0.004, withdrawn: 0.005, unresolvable: 0.005 },
}

/** Nothing is scheduled later than this after creation (so a resume can regenerate a bounded past). */
export const MAX_LIFESPAN = 90 * DAY_MS

/** Default 办理时限 (ms) per urgency. */
export const deadlineSpan = (urgency: Urgency): number => (urgency === 'urgent' ? 24 * HOUR_MS : 7 * DAY_MS)

/** The request being planned. */
export interface PlannedRequest {
  requestId: string
  created: number
  category: Category
  channel: Channel
  urgency: Urgency
  deadline: number
}

/** Receives the event of the step being taken (a lifecycle writes it when resumed). */
export interface StepSlot {
  event: IngestEvent | null
}

/**
 * The lifecycle as a lazy sequence of steps: it yields the time of its next event and, when resumed
 * at that time, writes the event (with its time) into `slot`. Only the next step of each open request is kept, so a
 * year's backfill holds thousands of small states instead of millions of future events.
 */
export type Steps = Generator<number, void, undefined>

const DIRECT_CHANNELS = new Set<Channel>(['hotline', 'app', 'wechat', 'web'])
const INVALID_REASONS = ['重复诉求', '非受理范围', '无效来电', '信息不全无法联系']
const RETURN_REASONS = ['非本单位职责', '诉求地址有误', '需其他部门协办']

function satisfactionOf(rnd: Random, rates: LifecycleRates, late: boolean): Satisfaction {
  const [s, b, d] = rates.satisfaction
  const dis = late ? d * 3 : d
  const x = rnd() * (s + b + dis)
  return x < s ? 'satisfied' : x < s + b ? 'basic' : 'dissatisfied'
}

/** The time of a step: at least a second after the previous one, on whole milliseconds. */
const later = (t: number, at: number): number => Math.max(t + 1000, Math.round(at))

const otherOf = (rnd: Random, list: string[], not: string): string => {
  const rest = list.filter((d) => d !== not)
  return rest.length ? rest[Math.floor(rnd() * rest.length)] : not
}

/** The close outcome of a request for a uniform draw `x`: the shares of `closedWithout`, else 办结. */
function outcomeOf(x: number, shares: LifecycleRates['closedWithout']): CloseOutcome {
  if (x < shares.rejected) return 'rejected'
  if (x < shares.rejected + shares.withdrawn) return 'withdrawn'
  if (x < shares.rejected + shares.withdrawn + shares.unresolvable) return 'unresolvable'
  return 'resolved'
}

/** The steps after `request.created` (ids `<requestId>.1`, `.2`, …), in time order. */
export function* lifecycle(rnd: Random, r: PlannedRequest, rates: LifecycleRates, slot: StepSlot): Steps {
  const { requestId, created, urgency, deadline } = r
  const urgent = urgency === 'urgent'
  const limit = created + MAX_LIFESPAN
  let t = created
  let k = 1

  if (rnd() < rates.invalid) {
    const reason = INVALID_REASONS[Math.floor(rnd() * INVALID_REASONS.length)]
    yield (t = later(t, created + uniform(rnd, 10 * MINUTE_MS, 6 * HOUR_MS)))
    slot.event = { id: requestId + '.' + k++, type: 'request.invalidated', at: isoTime(t), requestId, reason }
    return
  }

  const outcome = outcomeOf(rnd(), rates.closedWithout)
  if (outcome === 'rejected') {
    yield (t = later(t, reportTime(rnd, created + uniform(rnd, 20 * MINUTE_MS, 4 * HOUR_MS))))
    slot.event = { id: requestId + '.' + k++, type: 'request.completed', at: isoTime(t), requestId, outcome }
    return
  }

  let completedAt: number
  let late = false
  if (outcome === 'resolved' && DIRECT_CHANNELS.has(r.channel) && !urgent && rnd() < rates.direct) {
    yield (completedAt = t = later(t, created + uniform(rnd, 2 * MINUTE_MS, 15 * MINUTE_MS)))
    slot.event = { id: requestId + '.' + k++, type: 'request.completed', at: isoTime(t), requestId }
  } else {
    const departments = DEPARTMENTS[r.category]
    let department = departments[Math.floor(rnd() * departments.length)]
    yield (t = later(t, created + Math.min(4 * HOUR_MS, Math.max(MINUTE_MS, logNormal(rnd, urgent ? 3 * MINUTE_MS : 10 * MINUTE_MS, 0.7)))))
    slot.event = { id: requestId + '.' + k++, type: 'request.dispatched', at: isoTime(t), requestId, department }
    if (rnd() < rates.returned * departmentProfile(department).returns) {
      const reason = RETURN_REASONS[Math.floor(rnd() * RETURN_REASONS.length)]
      yield (t = later(t, t + logNormal(rnd, 2 * HOUR_MS, 0.8)))
      slot.event = { id: requestId + '.' + k++, type: 'request.returned', at: isoTime(t), requestId, department, reason }
      department = otherOf(rnd, departments, department)
      yield (t = later(t, t + logNormal(rnd, 20 * MINUTE_MS, 0.6)))
      slot.event = { id: requestId + '.' + k++, type: 'request.dispatched', at: isoTime(t), requestId, department }
    }
    const profile = departmentProfile(department)
    yield (t = later(t, t + logNormal(rnd, (urgent ? 15 * MINUTE_MS : 1.2 * HOUR_MS) * profile.sign, 0.9)))
    slot.event = { id: requestId + '.' + k++, type: 'request.signed', at: isoTime(t), requestId, department }

    const median = (urgent ? rates.medianHandleHours.urgent : rates.medianHandleHours.normal) * HOUR_MS * profile.handle
    const hard = !urgent && rnd() < rates.hard
    let done = hard
      ? created + uniform(rnd, rates.hardDays[0], rates.hardDays[1]) * DAY_MS
      : Math.max(t + 10 * MINUTE_MS, created + logNormal(rnd, median, urgent ? 0.95 : 1.05))
    // Departments report in office hours; emergency crews (urgent) whenever they finish.
    if (!urgent) done = reportTime(rnd, done)
    // The citizen withdraws (撤回) at any hour before the handling would have ended.
    if (outcome === 'withdrawn') done = t + uniform(rnd, 0.1, 0.9) * (done - t)
    // A request still open a week past its deadline is always supervised (no zombie escapes 督办).
    if (done > deadline && (hard || done > deadline + 7 * DAY_MS || rnd() < rates.superviseOverdue)) {
      // 督办 by the hotline centre in office hours, then weekly escalations (催办) while it stays open.
      let when = reportTime(rnd, deadline + uniform(rnd, HOUR_MS, 24 * HOUR_MS))
      let first = true
      while (when < done && when <= limit) {
        yield (t = later(t, when))
        slot.event = { id: requestId + '.' + k++, type: 'request.supervised', at: isoTime(t), requestId }
        if (first && !hard) done = Math.min(done, reportTime(rnd, t + logNormal(rnd, rates.closeAfterSupervisionHours * HOUR_MS, 0.6)))
        first = false
        when = reportTime(rnd, t + 7 * DAY_MS)
      }
      done = Math.max(done, t + MINUTE_MS)
    }
    if (done > limit) return
    yield (completedAt = t = later(t, done))
    if (outcome !== 'resolved') {
      slot.event = { id: requestId + '.' + k++, type: 'request.completed', at: isoTime(t), requestId, outcome }
      return
    }
    slot.event = { id: requestId + '.' + k++, type: 'request.completed', at: isoTime(t), requestId }
    late = completedAt > deadline
  }

  if (rnd() >= rates.visit) return
  const visitAt = (t = later(t, completedAt + Math.max(30 * MINUTE_MS, logNormal(rnd, 20 * HOUR_MS, 0.8))))
  if (visitAt > limit) return
  const satisfaction = satisfactionOf(rnd, rates, late)
  yield visitAt
  slot.event = { id: requestId + '.' + k++, type: 'request.visited', at: isoTime(t), requestId, satisfaction }
  if (satisfaction !== 'dissatisfied' || rnd() >= rates.reopenDissatisfied) return
  yield (t = later(t, t + uniform(rnd, HOUR_MS, 12 * HOUR_MS)))
  slot.event = { id: requestId + '.' + k++, type: 'request.reopened', at: isoTime(t), requestId }
  const again = (t = later(t, reportTime(rnd, t + logNormal(rnd, 24 * HOUR_MS, 0.8))))
  if (again > limit) return
  yield again
  slot.event = { id: requestId + '.' + k++, type: 'request.completed', at: isoTime(t), requestId }
}
