/**
 * The roll-up of region roots into a parent wall (a province over its cities, the nation over its
 * provinces): each root publishes a headline row per window — its summed counters, not its
 * rates — and the parent adds the rows and derives every figure with the same KPI definitions
 * (`shared/kpi/window-figures.ts`). Counters add exactly, so the parent's rates are exact too.
 */
import { BUCKET_FIELDS } from './kpi/bucket-fields.ts'
import { addBucket, windowFigures } from './kpi/window-figures.ts'
import type { CohortWindow } from './cohort-types.ts'
import { WINDOWS, type HourlySeries, type OverdueAge, type WindowFigures, type WindowKey } from './kpi-types.ts'

/** What one root publishes for its parent: summed counters of each window and its current counts. */
export interface HeadlineRow {
  region: string
  /** The day the row holds (YYYY-MM-DD, Asia/Shanghai): rows of different days do not add. */
  today: string
  /** Summed bucket counters of each window (`BUCKET_FIELDS` numbers each). */
  windows: Record<WindowKey, number[]>
  open: number
  overdue: number
  onDuty: number
  /** When the root made the row (its clock, ms since the epoch). */
  asOf: number
  /** The root's last ingest (ms since the epoch), or null. */
  lastEventAt: number | null
  /** Grids in the root's subtree. */
  grids: number
  /** The root's per-hour series of today and yesterday (they add hour by hour). */
  hourly: { today: HourlySeries; yesterday: HourlySeries }
  /** The root's last 30 days, oldest first, ending `today`. */
  daily: { dates: string[]; accepted: number[]; completed: number[] }
  overdueAge?: OverdueAge
  /** 24小时/72小时办结率 of each window over its mature cohorts (they add by n and done; absent in rows of older versions). */
  cohort?: Record<WindowKey, CohortWindow>
  /** 最近巡查: the latest patrol in the root's subtree, or null (absent in rows of older versions). */
  lastPatrolAt?: number | null
  /** A parent's row: true while a root summed into it is stale or missing. */
  stale?: boolean
}

/** How fresh one root's row is on a parent wall. */
export interface RootFreshness {
  code: string
  name: string
  /** When the root made the row the parent holds (the root's clock), or null when the parent has none. */
  asOf: number | null
  /** How long ago the root published that row (measured by Redis, whatever the clocks), or null when none. */
  ageMs: number | null
  /** Older than the parent's limit, of another day, or missing: not current. */
  stale: boolean
  /** Whether the row is in the parent's figures (a row of the parent's day is, even when stale). */
  summed: boolean
}

/** What a parent wall's snapshot says about the rows it summed. */
export interface RollUpStatus {
  /** A row older than this is stale (ms). */
  staleAfterMs: number
  roots: RootFreshness[]
}

/** A parent wall's headline figures over its roots. */
export interface ParentHeadline {
  region: string
  today: string
  /** The roots summed. */
  roots: string[]
  windows: Record<WindowKey, WindowFigures>
  open: number
  overdue: number
  onDuty: number
}

/** Adds the rows of `parent`'s roots; throws when they hold different days or a root twice. */
export function rollUp(parent: string, rows: HeadlineRow[]): ParentHeadline {
  if (!rows.length) throw new Error(`roll-up of ${parent}: no rows`)
  const today = rows[0].today
  const bad = rows.find((r) => r.today !== today)
  if (bad) throw new Error(`roll-up of ${parent}: ${bad.region} holds ${bad.today}, ${rows[0].region} holds ${today}`)
  const roots = rows.map((r) => r.region)
  if (new Set(roots).size !== roots.length) throw new Error(`roll-up of ${parent}: a root appears twice (${roots.join(', ')})`)
  const windows = {} as Record<WindowKey, WindowFigures>
  for (const w of WINDOWS) {
    const sum = new Float64Array(BUCKET_FIELDS)
    for (const r of rows) addBucket(sum, Float64Array.from(r.windows[w]))
    windows[w] = windowFigures(sum)
  }
  const total = (k: 'open' | 'overdue' | 'onDuty') => rows.reduce((n, r) => n + r[k], 0)
  return { region: parent, today, roots, windows, open: total('open'), overdue: total('overdue'), onDuty: total('onDuty') }
}
