/** Calendar arithmetic in Asia/Shanghai (UTC+8, no DST), independent of the process time zone. */
import type { WindowKey } from './kpi-types.ts'

export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
const OFFSET_MS = 8 * HOUR_MS

/** Day number (days since 1970-01-01 in Asia/Shanghai) of an instant. */
export const dayIndex = (ms: number): number => Math.floor((ms + OFFSET_MS) / DAY_MS)

/** Hour of day 0..23 in Asia/Shanghai. */
export const hourOfDay = (ms: number): number => Math.floor(((ms + OFFSET_MS) % DAY_MS + DAY_MS) % DAY_MS / HOUR_MS)

/** The instant a Shanghai day begins (00:00 +08:00). */
export const dayStartMs = (day: number): number => day * DAY_MS - OFFSET_MS

/** `YYYY-MM-DD` of a day number. */
export const dayToDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** Day number of a `YYYY-MM-DD` date, or NaN when malformed. */
export function dateToDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return NaN
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3])
  return dayToDate(ms / DAY_MS) === date ? ms / DAY_MS : NaN
}

/** Month number (months since 1970-01) of a day number. */
export function monthIndex(day: number): number {
  const d = new Date(day * DAY_MS)
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth()
}

/** First day number of a month number. */
export const monthStartDay = (month: number): number => Date.UTC(1970 + Math.floor(month / 12), month % 12, 1) / DAY_MS

/** First month number of the year holding `month`. */
export const yearStartMonth = (month: number): number => month - (month % 12)

/** Inclusive day range of a window ending `today`. */
export function windowDays(key: WindowKey, today: number): [number, number] {
  switch (key) {
    case 'today':
      return [today, today]
    case 'yesterday':
      return [today - 1, today - 1]
    case 'last7':
      return [today - 6, today]
    case 'month':
      return [monthStartDay(monthIndex(today)), today]
    case 'ytd':
      return [monthStartDay(yearStartMonth(monthIndex(today))), today]
  }
}
