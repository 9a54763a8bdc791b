import { describe, expect, it } from 'vitest'
import { linesThatFit, MIN_TICKER_LINE_PX } from './ticker-fit.ts'

describe('linesThatFit', () => {
  it('renders every line until the box is measured', () => {
    expect(linesThatFit(0, 30)).toBe(30)
    expect(linesThatFit(Number.NaN, 30)).toBe(30)
  })
  it('renders enough shortest lines to fill the box, plus one partly shown', () => {
    expect(linesThatFit(MIN_TICKER_LINE_PX * 7, 30)).toBe(8)
    expect(linesThatFit(MIN_TICKER_LINE_PX * 7 + 1, 30)).toBe(9)
    expect(linesThatFit(1, 30)).toBe(2)
  })
  it('never more than there are', () => {
    expect(linesThatFit(10_000, 30)).toBe(30)
    expect(linesThatFit(300, 0)).toBe(0)
  })
})
