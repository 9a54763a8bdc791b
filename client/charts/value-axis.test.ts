import { describe, expect, it } from 'vitest'
import { niceAxis, niceStep, PLOT_STEPS, plotKey, seriesMax } from './value-axis.ts'

describe('value axis', () => {
  it('steps by 1, 2 or 5 times a power of ten, never below 1', () => {
    expect([0, 0.3, 1, 1.2, 2, 3, 7, 10, 11, 240, 499, 501].map(niceStep)).toEqual([1, 1, 1, 2, 2, 5, 10, 10, 20, 500, 500, 1000])
  })
  it('covers the data in at most five intervals from 0', () => {
    for (const m of [0, 1, 4, 7, 99, 100, 101, 149, 1234, 98_765]) {
      const a = niceAxis(m)
      expect(a.max).toBeGreaterThanOrEqual(m)
      expect(a.max / a.interval).toBeLessThanOrEqual(5)
      expect(Number.isInteger(a.max / a.interval)).toBe(true)
    }
    expect(niceAxis(149)).toEqual({ max: 150, interval: 50 })
    expect(niceAxis(0)).toEqual({ max: 1, interval: 1 })
  })
  it('takes the largest value, ignoring gaps', () => {
    expect(seriesMax([[1, null, 7], [3, undefined]])).toBe(7)
    expect(seriesMax([[null], []])).toBe(0)
  })
  it('keys the picture: equal below a step of the plot, different above it, gaps kept', () => {
    const axis = niceAxis(2000)
    const step = axis.max / PLOT_STEPS
    const base = plotKey(axis, [[1000, 500, null]])
    expect(plotKey(axis, [[1000 + step / 4, 500, null]])).toBe(base)
    expect(plotKey(axis, [[1000 + step, 500, null]])).not.toBe(base)
    expect(plotKey(axis, [[1000, 500, 0]])).not.toBe(base)
    expect(plotKey(niceAxis(3000), [[1000, 500, null]])).not.toBe(base)
  })
})
