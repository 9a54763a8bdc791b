import { describe, expect, it } from 'vitest'
import { darkGradient, PAPER_INK, paperFill, paperText, parseRgb } from './print-theme.ts'

describe('print theme', () => {
  it('turns light text dark, keeping a hue', () => {
    expect(parseRgb('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3, 0.5])
    expect(paperText('rgb(255, 255, 255)')).toBe(PAPER_INK)
    expect(paperText('rgb(214, 230, 255)')).toBe(PAPER_INK)
    const cyan = paperText('rgb(41, 211, 255)')!
    expect(cyan).toMatch(/^rgba\(/)
    const [r, g, b] = parseRgb(cyan)!
    expect(b).toBeGreaterThan(r)
    expect(g).toBeLessThan(211)
    expect(paperText('rgb(20, 33, 61)')).toBeNull()
  })
  it('turns dark panels pale and leaves light fills and bright bars', () => {
    expect(paperFill('rgba(6, 26, 58, 0.72)')).toBe('rgb(235, 237, 239)')
    expect(paperFill('rgb(250, 250, 250)')).toBeNull()
    expect(paperFill('rgba(0, 0, 0, 0)')).toBeNull()
    expect(darkGradient('linear-gradient(rgba(10, 40, 86, 0.78), rgba(4, 18, 42, 0.78))')).toBe(true)
    expect(darkGradient('linear-gradient(90deg, rgb(21, 96, 189), rgb(41, 211, 255))')).toBe(false)
  })
})
