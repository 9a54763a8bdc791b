import { describe, expect, it } from 'vitest'
import { formatChange, formatCount, formatRate, ratePercent } from './number.ts'

describe('number formatters', () => {
  it('groups thousands', () => {
    expect(formatCount(795192)).toBe('795,192')
    expect(formatCount(0)).toBe('0')
    expect(formatCount(null)).toBe('—')
  })
  it('shows rates as percentages and null as a dash', () => {
    expect(formatRate(0.9812)).toBe('98.1%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(null)).toBe('—')
    expect(ratePercent(0.5)).toBe('50.0')
  })
  it('signs changes and refuses a zero base', () => {
    expect(formatChange(120, 100)).toBe('+20.0%')
    expect(formatChange(80, 100)).toBe('-20.0%')
    expect(formatChange(5, 0)).toBe('—')
  })
})
