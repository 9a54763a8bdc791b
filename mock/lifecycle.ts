/** One work order's life after 受理: dispatch, sign-for, completion, visit, with the rarer turns. */
import type { Category } from '../shared/categories.ts'
import type { Channel, RequestEvent, Satisfaction, Urgency } from '../shared/events.ts'
import { DAY, HOUR, MINUTE } from './calendar.ts'
import { logNormal, uniform, type Random } from './random.ts'
import { DEPARTMENTS } from './taxonomy.ts'

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
  /** Share of dispatched requests never completed. */
  stuck: number
  /** Visit outcome weights: satisfied, basic, dissatisfied. */
  satisfaction: [number, number, number]
  /** Share of dissatisfied visits that reopen the request (重办). */
  reopenDissatisfied: number
  /** Share of overdue requests supervised (督办). */
  superviseOverdue: number
  /** Median hours to completion for normal and urgent requests. */
  medianHandleHours: { normal: number; urgent: number }
}

/** Default rates: ~25% direct answers, ~98% completed, ~95% on time, ~95% satisfied or basic. */
export const DEFAULT_RATES: LifecycleRates = {
  invalid: 0.03,
  direct: 0.31,
  visit: 0.7,
  returned: 0.04,
  stuck: 0.012,
  satisfaction: [0.85, 0.105, 0.045],
  reopenDissatisfied: 0.35,
  superviseOverdue: 0.7,
  medianHandleHours: { normal: 30, urgent: 5 },
}

/** Nothing is scheduled later than this after creation (so a resume can regenerate a bounded past). */
export const MAX_LIFESPAN = 90 * DAY

/** Default 办理时限 (ms) per urgency. */
export const deadlineSpan = (urgency: Urgency): number => (urgency === 'urgent' ? 24 * HOUR : 7 * DAY)

/** The request being planned. */
export interface PlannedRequest {
  requestId: string
  created: number
  category: Category
  channel: Channel
  urgency: Urgency
  deadline: number
}

/** Receives one planned event at time t; its `id` and `at` are blank for the caller to fill. */
export type StepSink = (t: number, event: RequestEvent) => void

const DIRECT_CHANNELS = new Set<Channel>(['hotline', 'app', 'wechat', 'web'])
const INVALID_REASONS = ['重复诉求', '非受理范围', '无效来电', '信息不全无法联系']
const RETURN_REASONS = ['非本单位职责', '诉求地址有误', '需其他部门协办']

function satisfactionOf(rnd: Random, rates: LifecycleRates, late: boolean): Satisfaction {
  const [s, b, d] = rates.satisfaction
  const dis = late ? d * 3 : d
  const x = rnd() * (s + b + dis)
  return x < s ? 'satisfied' : x < s + b ? 'basic' : 'dissatisfied'
}

const otherOf = (rnd: Random, list: string[], not: string): string => {
  const rest = list.filter((d) => d !== not)
  return rest.length ? rest[Math.floor(rnd() * rest.length)] : not
}

// Planning state lives in one reused object rather than per-call closures: this runs ~2 million
// times for a year's backfill and closures (with tsx's name wrappers) dominated the profile.
interface Plan {
  rnd: Random
  rates: LifecycleRates
  out: StepSink
  requestId: string
  limit: number
  t: number
}
const plan: Plan = { rnd: Math.random, rates: DEFAULT_RATES, out: () => {}, requestId: '', limit: 0, t: 0 }

/** Moves the plan's clock to `next` (at least a second after the previous step). */
function step(next: number): number {
  return (plan.t = Math.max(plan.t + 1000, Math.round(next)))
}

function visitAfter(done: number, late: boolean): Satisfaction | null {
  const { rnd, rates, requestId } = plan
  if (rnd() >= rates.visit) return null
  const when = step(done + Math.max(30 * MINUTE, logNormal(rnd, 20 * HOUR, 0.8)))
  if (when > plan.limit) return null
  const satisfaction = satisfactionOf(rnd, rates, late)
  plan.out(when, { id: '', type: 'request.visited', at: '', requestId, satisfaction })
  return satisfaction
}

function reopenAfterVisit(sat: Satisfaction | null): void {
  const { rnd, rates, requestId } = plan
  if (sat !== 'dissatisfied' || rnd() >= rates.reopenDissatisfied) return
  plan.out(step(plan.t + uniform(rnd, HOUR, 12 * HOUR)), { id: '', type: 'request.reopened', at: '', requestId })
  const again = step(plan.t + logNormal(rnd, 24 * HOUR, 0.8))
  if (again <= plan.limit) plan.out(again, { id: '', type: 'request.completed', at: '', requestId })
}

/** Plans every event after `request.created`, in time order, into `out` (ids and times left blank). */
export function planLifecycle(rnd: Random, r: PlannedRequest, rates: LifecycleRates, out: StepSink): void {
  const { requestId, created, urgency, deadline } = r
  const urgent = urgency === 'urgent'
  const limit = created + MAX_LIFESPAN
  plan.rnd = rnd
  plan.rates = rates
  plan.out = out
  plan.requestId = requestId
  plan.limit = limit
  plan.t = created

  if (rnd() < rates.invalid) {
    const reason = INVALID_REASONS[Math.floor(rnd() * INVALID_REASONS.length)]
    out(step(created + uniform(rnd, 10 * MINUTE, 6 * HOUR)), { id: '', type: 'request.invalidated', at: '', requestId, reason })
    return
  }

  if (DIRECT_CHANNELS.has(r.channel) && !urgent && rnd() < rates.direct) {
    const done = step(created + uniform(rnd, 2 * MINUTE, 15 * MINUTE))
    out(done, { id: '', type: 'request.completed', at: '', requestId })
    reopenAfterVisit(visitAfter(done, false))
    return
  }

  const departments = DEPARTMENTS[r.category]
  let department = departments[Math.floor(rnd() * departments.length)]
  const dispatchDelay = Math.min(4 * HOUR, Math.max(MINUTE, logNormal(rnd, urgent ? 3 * MINUTE : 10 * MINUTE, 0.7)))
  out(step(created + dispatchDelay), { id: '', type: 'request.dispatched', at: '', requestId, department })
  if (rnd() < rates.returned) {
    const reason = RETURN_REASONS[Math.floor(rnd() * RETURN_REASONS.length)]
    out(step(plan.t + logNormal(rnd, 2 * HOUR, 0.8)), { id: '', type: 'request.returned', at: '', requestId, department, reason })
    department = otherOf(rnd, departments, department)
    out(step(plan.t + logNormal(rnd, 20 * MINUTE, 0.6)), { id: '', type: 'request.dispatched', at: '', requestId, department })
  }
  const signDelay = logNormal(rnd, urgent ? 15 * MINUTE : 1.2 * HOUR, 0.9)
  out(step(plan.t + signDelay), { id: '', type: 'request.signed', at: '', requestId, department })

  const median = (urgent ? rates.medianHandleHours.urgent : rates.medianHandleHours.normal) * HOUR
  const stuck = rnd() < rates.stuck
  const done = stuck ? Infinity : Math.max(plan.t + 10 * MINUTE, created + logNormal(rnd, median, urgent ? 0.95 : 1.05))
  if (done > deadline && rnd() < rates.superviseOverdue) {
    const when = deadline + uniform(rnd, HOUR, 24 * HOUR)
    if (when < done && when <= limit) out(step(when), { id: '', type: 'request.supervised', at: '', requestId })
  }
  if (done > limit) return
  const completed = step(done)
  out(completed, { id: '', type: 'request.completed', at: '', requestId })
  reopenAfterVisit(visitAfter(completed, completed > deadline))
}
