/** 24小时办结率 and 72小时办结率 of every window of a region, over the window's mature cohorts. */
import { cohortRate, matureRange, type CohortHours } from '../../shared/kpi/cohort-rates.ts'
import type { CohortWindow } from '../../shared/cohort-types.ts'
import { WINDOWS, type WindowKey } from '../../shared/kpi-types.ts'
import { windowDays } from '../../shared/time-windows.ts'

/**
 * Each window's N-hour rates at `now`: the days of the window whose cohort is mature, summed with
 * `sum` (a region's day/month buckets). Today and yesterday are never mature (未满24小时): the
 * freshest figures are the 7-day, month and year windows, up to the last mature day.
 */
export function cohortWindows(sum: (from: number, to: number) => Float64Array, today: number, now: number): Record<WindowKey, CohortWindow> {
  const out = {} as Record<WindowKey, CohortWindow>
  const rate = (h: CohortHours, from: number, to: number) => {
    const range = matureRange(h, from, to, now)
    return cohortRate(h, range ? sum(range[0], range[1]) : null, range)
  }
  for (const w of WINDOWS) {
    const [from, to] = windowDays(w, today)
    out[w] = { h24: rate(24, from, to), h72: rate(72, from, to) }
  }
  return out
}
