/** The briefing of the live engine: date checks, the shared 督办 index, the build. */
import type { Briefing, BriefingError } from '../../shared/briefing-types.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { Engine } from '../engine/engine.ts'
import { DEFAULT_RETENTION, keptDays, parseBriefingDate, type Retention } from './briefing-range.ts'
import { buildBriefing } from './build-briefing.ts'
import { OverdueIndex } from './overdue-index.ts'

export interface BriefingService {
  /** The briefing of region `index` for `date` (YYYY-MM-DD, default yesterday), or why not. */
  get(index: number, date: string | undefined): Briefing | BriefingError
}

/** Creates the service over an engine (the aggregator's default retention unless told). */
export function createBriefingService(engine: Engine, retention: Retention = DEFAULT_RETENTION): BriefingService {
  const overdue = new OverdueIndex(engine.agg)
  return {
    get(index, date) {
      const now = engine.clock()
      const level = engine.tree.nodes[index].level
      const day = parseBriefingDate(date, dayIndex(now), keptDays(level, retention))
      if (typeof day !== 'number') return day
      return buildBriefing(engine.agg, index, day, now, { overdue, retention })
    },
  }
}

/** Whether a service answer is an error body. */
export const isBriefingError = (b: Briefing | BriefingError): b is BriefingError => 'error' in b
