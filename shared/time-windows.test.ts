import { describe, expect, it } from 'vitest'
import {
  dateOf, dateToDay, dayIndex, dayStartMs, dayToDate, hourOfDay, localMs, monthIndex, monthOf, shanghaiMs, startOfDay, timeOf,
  weekdayOf, windowDays, yearOf, yearStartMs,
} from './time-windows.ts'

describe('Asia/Shanghai calendar', () => {
  it('starts days at 00:00 +08:00 whatever the process time zone', () => {
    for (const tz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
      process.env.TZ = tz
      const d = dayIndex(Date.parse('2026-11-20T16:00:00Z')) // 00:00 on the 21st in Shanghai
      expect(dayToDate(d)).toBe('2026-11-21')
      expect(dayToDate(dayIndex(Date.parse('2026-11-20T15:59:59Z')))).toBe('2026-11-20')
      expect(hourOfDay(Date.parse('2026-11-20T15:30:00Z'))).toBe(23)
      expect(new Date(dayStartMs(d)).toISOString()).toBe('2026-11-20T16:00:00.000Z')
    }
    process.env.TZ = 'Asia/Shanghai'
  })

  it('parses dates strictly', () => {
    expect(dayToDate(dateToDay('2026-02-28'))).toBe('2026-02-28')
    expect(dateToDay('2026-02-30')).toBeNaN()
    expect(dateToDay('yesterday')).toBeNaN()
  })

  it('gives the window day ranges', () => {
    const today = dateToDay('2026-03-05')
    expect(windowDays('today', today)).toEqual([today, today])
    expect(windowDays('yesterday', today)).toEqual([today - 1, today - 1])
    expect(windowDays('last7', today)).toEqual([today - 6, today])
    expect(windowDays('month', today).map(dayToDate)).toEqual(['2026-03-01', '2026-03-05'])
    expect(windowDays('ytd', today).map(dayToDate)).toEqual(['2026-01-01', '2026-03-05'])
    expect(monthIndex(dateToDay('2027-01-01')) - monthIndex(dateToDay('2026-12-31'))).toBe(1)
  })

  it('reads the Shanghai wall clock of an instant whatever the process time zone', () => {
    for (const tz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
      process.env.TZ = tz
      const newYear = Date.parse('2026-12-31T16:30:05Z') // 00:30:05 on 1 January 2027 in Shanghai
      expect(dateOf(newYear)).toBe('2027-01-01')
      expect(timeOf(newYear)).toBe('00:30:05')
      expect(yearOf(newYear)).toBe(2027)
      expect(monthOf(newYear)).toBe(0)
      expect(weekdayOf(newYear)).toBe(5) // a Friday
      expect(weekdayOf(Date.parse('2026-12-31T15:59:59Z'))).toBe(4)
      expect(new Date(startOfDay(newYear)).toISOString()).toBe('2026-12-31T16:00:00.000Z')
      expect(new Date(yearStartMs(newYear)).toISOString()).toBe('2026-12-31T16:00:00.000Z')
      expect(new Date(yearStartMs(newYear - 3_600_000)).toISOString()).toBe('2025-12-31T16:00:00.000Z')
      expect(shanghaiMs(2027, 1, 1, 0, 30) + 5000).toBe(newYear)
      expect(localMs(newYear) % 86_400_000).toBe(30 * 60_000 + 5000)
    }
    process.env.TZ = 'Asia/Shanghai'
  })

  it('counts weekdays on every day of a year, at both ends of the day', () => {
    const first = dateToDay('2026-01-01') // a Thursday
    for (let d = first; d <= dateToDay('2026-12-31'); d++) {
      const expected = (4 + d - first) % 7
      expect(weekdayOf(dayStartMs(d))).toBe(expected)
      expect(weekdayOf(dayStartMs(d + 1) - 1)).toBe(expected)
    }
  })
})
