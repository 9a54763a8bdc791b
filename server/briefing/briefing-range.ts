/** Which dates a briefing can be asked for: the kept daily history up to yesterday. */
import type { BriefingError } from '../../shared/briefing-types.ts'
import type { RegionLevel } from '../../shared/region-types.ts'
import { dateToDay, dayToDate } from '../../shared/time-windows.ts'

/** Days of history the aggregator keeps (its defaults: 400 down to communities, 62 for grids). */
export interface Retention {
  days: number
  gridDays: number
}
export const DEFAULT_RETENTION: Retention = { days: 400, gridDays: 62 }

/** Days kept for a region of `level`. */
export const keptDays = (level: RegionLevel, r: Retention): number => (level === 'grid' ? r.gridDays : r.days)

/** Whether the day bucket of `day` is still kept on `today` (the aggregator keeps `day > today - kept`). */
export const isKept = (day: number, today: number, kept: number): boolean => day > today - kept && day <= today

/** Oldest and newest day a briefing covers: the oldest kept day through yesterday. */
export const briefingRange = (today: number, kept: number): [number, number] => [today - kept + 1, today - 1]

/** Day number of a `?date=` (default yesterday), or the 400 body explaining why not. */
export function parseBriefingDate(date: string | undefined, today: number, kept: number): number | BriefingError {
  const [from, to] = briefingRange(today, kept)
  const range = { from: dayToDate(from), to: dayToDate(to) }
  if (date === undefined || date === '') return to
  const day = dateToDay(date)
  if (Number.isNaN(day)) {
    return { error: `date must be YYYY-MM-DD, got "${date}"`, errorZh: `日期格式应为 YYYY-MM-DD，收到“${date}”`, range }
  }
  if (day < from || day > to) {
    return {
      error: `no briefing for ${date}: briefings cover ${range.from} to ${range.to} (the kept daily history up to yesterday)`,
      errorZh: `无法生成${date}的简报：可查询日期为${range.from}至${range.to}（保留的逐日历史，截至昨日）`,
      range,
    }
  }
  return day
}
