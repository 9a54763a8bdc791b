/** Strict RFC 3339 timestamps: a date that exists in the calendar, a time of day, an offset of at most ±23:59. */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Days in `month` (1–12) of `year`. */
export const daysInMonth = (year: number, month: number): number => (month === 2 && isLeap(year) ? 29 : DAYS[month - 1])

/** Whether year, month and day name a day of the calendar. */
export const isCalendarDate = (year: number, month: number, day: number): boolean => month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)

/**
 * Milliseconds since the epoch of an RFC 3339 timestamp, or NaN when it is not one or names a time
 * that does not exist (30 February, 25:00, offset +25:00). Unlike Date.parse, nothing rolls over.
 */
export function parseRfc3339(text: string): number {
  const m = SHAPE.exec(text)
  if (!m) return NaN
  const y = +m[1]
  const mo = +m[2]
  const d = +m[3]
  const h = +m[4]
  const mi = +m[5]
  const s = +m[6]
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return NaN
  let offset = 0
  if (m[8] === undefined) {
    const oh = +m[10]
    const om = +m[11]
    if (oh > 23 || om > 59) return NaN
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000
  }
  const ms = m[7] === undefined ? 0 : Math.floor(+`0${m[7]}` * 1000)
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  // Date.UTC reads years 0–99 as 1900–1999.
  if (y < 100) t = new Date(t).setUTCFullYear(y, mo - 1, d)
  return t - offset
}
