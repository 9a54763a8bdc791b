/** Calendar arithmetic in Asia/Shanghai (UTC+8, no DST), independent of the process time zone. */
import type { WindowKey } from './kpi-types.ts'

export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
/** The one place the Shanghai offset is written (`calendar-offset.test.ts` keeps it so). */
const OFFSET_MS = 8 * HOUR_MS

/** Milliseconds since 1970-01-01 00:00 on the Shanghai wall clock: for cutting time into local blocks. */
export const localMs = (ms: number): number => ms + OFFSET_MS

/** Day number (days since 1970-01-01 in Asia/Shanghai) of an instant. */
export const dayIndex = (ms: number): number => Math.floor((ms + OFFSET_MS) / DAY_MS)

/** Hour of day 0..23 in Asia/Shanghai. */
export const hourOfDay = (ms: number): number => Math.floor(((ms + OFFSET_MS) % DAY_MS + DAY_MS) % DAY_MS / HOUR_MS)

/** The instant a Shanghai day begins (00:00 +08:00). */
export const dayStartMs = (day: number): number => day * DAY_MS - OFFSET_MS

/** The instant the Shanghai day holding `ms` began. */
export const startOfDay = (ms: number): number => dayStartMs(dayIndex(ms))

/** Day of week in Shanghai, 0 = Sunday. */
export const weekdayOf = (ms: number): number => (((dayIndex(ms) + 4) % 7) + 7) % 7

/** Month of year 0..11 in Shanghai. */
export const monthOf = (ms: number): number => new Date(localMs(ms)).getUTCMonth()

/** The year in Shanghai. */
export const yearOf = (ms: number): number => new Date(localMs(ms)).getUTCFullYear()

/** The instant of a Shanghai wall-clock time, e.g. `shanghaiMs(2026, 1, 1)` for 1 January 00:00. */
export const shanghaiMs = (year: number, month: number, day: number, hour = 0, minute = 0): number =>
  Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS

/** 1 January 00:00 Shanghai of the year holding `ms`. */
export const yearStartMs = (ms: number): number => shanghaiMs(yearOf(ms), 1, 1)

/** `YYYY-MM-DD` of the Shanghai day holding `ms`. */
export const dateOf = (ms: number): string => dayToDate(dayIndex(ms))

/** The Shanghai wall-clock time of an instant, `HH:MM:SS`. */
export const timeOf = (ms: number): string => new Date(localMs(ms)).toISOString().slice(11, 19)

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
