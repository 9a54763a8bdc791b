/** A request as the engine remembers it, and the lifecycle events it keeps. */
import { OTHER_CATEGORY } from '../../shared/categories.ts'
import type { RequestCreated, RequestEvent } from '../../shared/events.ts'
import { CATEGORY_INDEX, CHANNEL_INDEX } from '../../shared/kpi/bucket-fields.ts'
import { outcomeCode } from '../../shared/kpi/close-outcome.ts'
import { DEFAULT_NORMAL_DEADLINE_MS, DEFAULT_URGENT_DEADLINE_MS } from '../../shared/kpi/deadlines.ts'
import { Life, SAT_CODES, type CreatedInfo, type LifeEvent, type NowState } from '../../shared/kpi/request-contribution.ts'
import type { RegionTree } from '../../shared/region-tree.ts'

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

/**
 * What a request keeps of its `request.created`: a category outside the taxonomy counts as 其他
 * (and is counted in `unknown`), a missing deadline is the default for its urgency.
 */
export function createdInfo(e: RequestCreated, tree: RegionTree, unknown: Map<string, number>): CreatedInfo {
  const at = Date.parse(e.at)
  const urgent = e.urgency === 'urgent'
  let category = CATEGORY_INDEX.get(e.category)
  if (category === undefined) {
    unknown.set(e.category, (unknown.get(e.category) ?? 0) + 1)
    category = CATEGORY_INDEX.get(OTHER_CATEGORY)!
  }
  return {
    at,
    region: tree.indexOf(e.region),
    category,
    channel: CHANNEL_INDEX.get(e.channel)!,
    urgent,
    deadline: e.deadline ? Date.parse(e.deadline) : at + (urgent ? DEFAULT_URGENT_DEADLINE_MS : DEFAULT_NORMAL_DEADLINE_MS),
  }
}

/** Time of a request's last event. */
export function lastActivity(r: RequestRecord): number {
  const last = r.events.length ? r.events[r.events.length - 1].at : -Infinity
  return Math.max(r.created?.at ?? r.firstSeen, last)
}

/** The lifecycle event a request keeps for an ingest event (null for `request.created`). */
export function lifeEvent(e: RequestEvent): LifeEvent | null {
  const at = Date.parse(e.at)
  switch (e.type) {
    case 'request.dispatched':
      return { kind: Life.Dispatched, at, department: e.department }
    case 'request.signed':
      return { kind: Life.Signed, at, department: e.department }
    case 'request.returned':
      return { kind: Life.Returned, at, department: e.department }
    case 'request.completed':
      return e.outcome && e.outcome !== 'resolved' ? { kind: Life.Completed, at, outcome: outcomeCode(e.outcome) } : { kind: Life.Completed, at }
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
