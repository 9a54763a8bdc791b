/** Asia/Shanghai calendar arithmetic (UTC+8, no daylight saving), independent of the process TZ. */

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
const OFFSET = 8 * HOUR

/** Start (ms) of the Shanghai day holding `ms`. */
export const dayStart = (ms: number): number => Math.floor((ms + OFFSET) / DAY) * DAY - OFFSET

/** Days since the epoch in Shanghai time: a stable key for per-day random streams. */
export const dayNumber = (ms: number): number => Math.floor((ms + OFFSET) / DAY)

/** Hour of day 0..23 in Shanghai. */
export const hourOf = (ms: number): number => Math.floor(((ms + OFFSET) % DAY) / HOUR)

/** Day of week in Shanghai, 0 = Sunday. */
export const weekdayOf = (ms: number): number => new Date(ms + OFFSET).getUTCDay()

/** Month 0..11 in Shanghai. */
export const monthOf = (ms: number): number => new Date(ms + OFFSET).getUTCMonth()

/** `YYYYMMDD` of the Shanghai day. */
export function ymd(ms: number): string {
  const d = new Date(ms + OFFSET)
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
}

/** Ms of a Shanghai wall-clock date, e.g. `shanghai(2026, 1, 1)` for 1 January 00:00. */
export const shanghai = (y: number, month: number, d: number, h = 0, mi = 0): number =>
  Date.UTC(y, month - 1, d, h, mi) - OFFSET

/** Parses `YYYY-MM-DD` (Shanghai midnight) or a full RFC 3339 timestamp; NaN when invalid. */
export function parseTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (m) {
    const ms = shanghai(+m[1], +m[2], +m[3])
    return ymd(ms) === `${m[1]}${m[2]}${m[3]}` ? ms : NaN
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(text)) return NaN
  return Date.parse(text)
}

/** 1 January 00:00 Shanghai of the year holding `ms`. */
export const yearStart = (ms: number): number => shanghai(new Date(ms + OFFSET).getUTCFullYear(), 1, 1)
