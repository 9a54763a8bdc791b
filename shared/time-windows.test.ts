import { describe, expect, it } from 'vitest'
import { dateToDay, dayIndex, dayStartMs, dayToDate, hourOfDay, monthIndex, windowDays } from './time-windows.ts'

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
})
