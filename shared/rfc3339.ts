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
  return SHAPE.test(text) ? calendarTime(text) : NaN
}

const digits2 = (t: string, i: number) => (t.charCodeAt(i) - 48) * 10 + t.charCodeAt(i + 1) - 48

/** Like {@link parseRfc3339} for a text already known to have the RFC 3339 shape (the ingest schema checked it): fields read by position. */
export function calendarTime(t: string): number {
  const y = digits2(t, 0) * 100 + digits2(t, 2)
  const mo = digits2(t, 5)
  const d = digits2(t, 8)
  const h = digits2(t, 11)
  const mi = digits2(t, 14)
  const s = digits2(t, 17)
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return NaN
  const end = t.length
  let offset = 0
  let fractionEnd = end - 1
  const last = t.charCodeAt(end - 1)
  if (last !== 90 && last !== 122) {
    // ±hh:mm
    const oh = digits2(t, end - 5)
    const om = digits2(t, end - 2)
    if (oh > 23 || om > 59) return NaN
    offset = (t.charCodeAt(end - 6) === 45 ? -1 : 1) * (oh * 60 + om) * 60_000
    fractionEnd = end - 6
  }
  let ms = 0
  if (t.charCodeAt(19) === 46) {
    // Milliseconds: the first three fraction digits, padded.
    for (let i = 20, scale = 100; i < fractionEnd && scale >= 1; i++, scale /= 10) ms += (t.charCodeAt(i) - 48) * scale
  }
  let time = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  // Date.UTC reads years 0–99 as 1900–1999.
  if (y < 100) time = new Date(time).setUTCFullYear(y, mo - 1, d)
  return time - offset
}
