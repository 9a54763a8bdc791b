import { describe, expect, it } from 'vitest'
import { chartPixelRatio, computeFit, parseFitMode, parsePixels } from './fit.ts'

describe('computeFit', () => {
  it('letterboxes a 16:9 design into any screen, centred', () => {
    expect(computeFit(1280, 720, 'letterbox')).toEqual({ width: 1920, height: 1080, scaleX: 2 / 3, scaleY: 2 / 3, offsetX: 0, offsetY: 0 })
    const wide = computeFit(5760, 1080, 'letterbox')
    expect(wide.scaleX).toBe(1)
    expect(wide.offsetX).toBe(1920)
  })
  it('stretches on fill', () => {
    const f = computeFit(5760, 1080, 'fill')
    expect([f.scaleX, f.scaleY, f.width, f.height]).toEqual([3, 1, 1920, 1080])
  })
  it('extends the canvas along the free side on height and width', () => {
    const h = computeFit(5760, 1080, 'height')
    expect([h.scaleX, h.width, h.height, h.offsetX]).toEqual([1, 5760, 1080, 0])
    const w = computeFit(1080, 1920, 'width')
    expect(w.scaleX).toBeCloseTo(0.5625)
    expect(w.height).toBeCloseTo(1920 / 0.5625)
  })
  it('never makes the canvas smaller than the design', () => {
    const h = computeFit(1440, 1080, 'height')
    expect(h.width).toBe(1920)
  })
  it('renders charts at the scaled pixel ratio', () => {
    expect(chartPixelRatio(computeFit(3840, 2160, 'letterbox'), 1)).toBe(2)
    expect(chartPixelRatio(computeFit(1280, 720, 'letterbox'), 1)).toBe(1)
    expect(chartPixelRatio(computeFit(1920, 1080, 'letterbox'), 2)).toBe(2)
  })
  it('parses query values defensively', () => {
    expect(parseFitMode('fill')).toBe('fill')
    expect(parseFitMode('zoom')).toBe('letterbox')
    expect(parsePixels('5760')).toBe(5760)
    expect(parsePixels('-1')).toBeNull()
    expect(parsePixels(undefined)).toBeNull()
  })
})
