/** A parent wall's 24小时/72小时办结率 and 最近巡查 from its roots' headline rows. */
import { sumCohortRates } from '../../shared/kpi/cohort-rates.ts'
import type { CohortWindow } from '../../shared/cohort-types.ts'
import { WINDOWS, type WindowKey } from '../../shared/kpi-types.ts'
import type { HeadlineRow } from '../../shared/roll-up.ts'

/**
 * Each window's cohort rates over the rows (of one day, so the same mature cohort days): samples
 * and 办结 within N hours add. Undefined when a row lacks them (a root of an older version): a
 * part would understate the sample.
 */
export function sumCohortWindows(rows: readonly HeadlineRow[]): Record<WindowKey, CohortWindow> | undefined {
  if (!rows.length || rows.some((r) => !r.cohort)) return undefined
  const out = {} as Record<WindowKey, CohortWindow>
  for (const w of WINDOWS) out[w] = { h24: sumCohortRates(rows.map((r) => r.cohort![w].h24)), h72: sumCohortRates(rows.map((r) => r.cohort![w].h72)) }
  return out
}

/** The latest patrol of any root (only moves forward there, so the latest here too), or null when none is known. */
export function latestPatrol(rows: readonly HeadlineRow[]): number | null {
  let last: number | null = null
  for (const r of rows) if (typeof r.lastPatrolAt === 'number' && (last === null || r.lastPatrolAt > last)) last = r.lastPatrolAt
  return last
}
