import { describe, expect, it } from 'vitest'
import { calendarTime, isCalendarDate, parseRfc3339 } from './rfc3339.ts'

describe('parseRfc3339', () => {
  it.each([
    ['2026-11-20T10:00:00Z'],
    ['2026-11-20T10:00:00+08:00'],
    ['2026-11-20t10:00:00.123456789z'],
    ['2026-11-20 10:00:00-05:30'],
    ['2024-02-29T23:59:59Z'],
    ['2000-02-29T00:00:00Z'],
    ['0001-01-01T00:00:00Z'],
    ['0000-02-29T12:00:00Z'],
    ['0099-12-31T23:59:59+01:00'],
  ])('reads %s as Date.parse does', (text) => {
    const expected = Date.parse(text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'))
    expect(parseRfc3339(text)).toBe(expected)
    expect(calendarTime(text)).toBe(expected)
  })

  it.each([
    ['2026-02-30T10:00:00Z', '30 February'],
    ['2025-02-29T10:00:00Z', '29 February of a common year'],
    ['1900-02-29T10:00:00Z', '29 February of a century'],
    ['2026-04-31T10:00:00Z', '31 April'],
    ['2026-13-01T10:00:00Z', 'month 13'],
    ['2026-00-10T10:00:00Z', 'month 0'],
    ['2026-11-00T10:00:00Z', 'day 0'],
    ['2026-11-20T24:00:00Z', 'hour 24'],
    ['2026-11-20T10:60:00Z', 'minute 60'],
    ['2026-11-20T10:00:60Z', 'second 60'],
    ['2026-11-20T10:00:00+24:00', 'offset of 24 hours'],
    ['2026-11-20T10:00:00+08:60', 'offset minute 60'],
    ['2026-11-20T10:00:00', 'no offset'],
    ['2026-11-20', 'a date only'],
    ['20261120T100000Z', 'the basic format'],
  ])('refuses %s (%s)', (text) => {
    expect(parseRfc3339(text)).toBeNaN()
  })

  it('reads fractions of any length as milliseconds', () => {
    expect(parseRfc3339('2026-11-20T10:00:00.5Z') - parseRfc3339('2026-11-20T10:00:00Z')).toBe(500)
    expect(parseRfc3339('2026-11-20T10:00:00.0479+08:00') - parseRfc3339('2026-11-20T10:00:00+08:00')).toBe(47)
  })

  it('knows the calendar', () => {
    expect([isCalendarDate(2024, 2, 29), isCalendarDate(2026, 2, 29), isCalendarDate(2026, 12, 31), isCalendarDate(2026, 6, 31)]).toEqual([true, false, true, false])
  })
})
