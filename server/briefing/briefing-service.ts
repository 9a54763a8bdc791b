/** The briefing of the live engine: date checks, the shared 督办 index, a small cache, the build. */
import { LRUCache } from 'lru-cache'
import type { Briefing, BriefingError } from '../../shared/briefing-types.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { Engine } from '../engine/engine.ts'
import { DEFAULT_RETENTION, keptDays, parseBriefingDate, type Retention } from './briefing-range.ts'
import { buildBriefing } from './build-briefing.ts'
import { OverdueIndex } from './overdue-index.ts'

export interface BriefingServiceOptions {
  /** @default DEFAULT_RETENTION (the aggregator's defaults) */
  retention?: Retention
  /** Briefings kept while their region's figures are unchanged, the least recently asked for dropped first (0: none). @default 64 */
  cacheSize?: number
}

export interface BriefingService {
  /** The briefing of region `index` for `date` (YYYY-MM-DD, default yesterday), or why not. */
  get(index: number, date: string | undefined): Briefing | BriefingError
}

/** Creates the service over an engine. */
export function createBriefingService(engine: Engine, opts: BriefingServiceOptions = {}): BriefingService {
  const retention = opts.retention ?? DEFAULT_RETENTION
  const cacheSize = opts.cacheSize ?? 64
  const overdue = new OverdueIndex(engine.agg)
  // The region's version moves with any change in its subtree, so a hit is what a build would give.
  const cache = cacheSize > 0 ? new LRUCache<string, Briefing>({ max: cacheSize }) : null
  return {
    get(index, date) {
      const now = engine.clock()
      const today = dayIndex(now)
      const level = engine.tree.nodes[index].level
      const day = parseBriefingDate(date, today, keptDays(level, retention))
      if (typeof day !== 'number') return day
      const key = `${index}:${day}:${today}:${engine.version(index)}`
      const hit = cache?.get(key)
      if (hit) return { ...hit, generatedAt: now }
      const b = buildBriefing(engine.agg, index, day, now, { overdue, retention })
      cache?.set(key, b)
      return b
    },
  }
}

/** Whether a service answer is an error body. */
export const isBriefingError = (b: Briefing | BriefingError): b is BriefingError => 'error' in b
