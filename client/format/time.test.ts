import { describe, expect, it } from 'vitest'
import { createTranslator } from '../i18n/translate.ts'
import { beijingParts, beijingTime, formatAge, shortDate } from './time.ts'

describe('time formatters', () => {
  it('shows Beijing time whatever the machine zone', () => {
    const ms = Date.UTC(2026, 10, 22, 16, 5, 9) // 00:05:09 next day in Beijing
    expect(beijingParts(ms)).toEqual({ date: '2026-11-23', time: '00:05:09', weekday: 1 })
    expect(beijingTime(ms)).toBe('00:05:09')
  })
  it('formats data age in the wall language', () => {
    const zh = createTranslator('zh-CN')
    const en = createTranslator('en')
    expect(formatAge(42_000, zh)).toBe('42秒')
    expect(formatAge(5 * 60_000, zh)).toBe('5分')
    expect(formatAge(3 * 3600_000, en)).toBe('3h')
    expect(formatAge(-5, en)).toBe('0s')
  })
  it('shortens dates', () => expect(shortDate('2026-11-22')).toBe('11-22'))
})
