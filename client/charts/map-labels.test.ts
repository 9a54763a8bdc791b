import { describe, expect, it } from 'vitest'
import { labelBox, labelInk, leaderEnd, luminance, placeLabels, type Box, type LabelInput } from './map-labels.ts'
import { insideRings } from './map-polygons.ts'

const square = (code: string, x: number, y: number, s: number): LabelInput => ({
  code,
  name: `${code}区`,
  rings: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s]]],
  center: [x + s / 2, y + s / 2],
})
const boxOf = (l: { x: number; y: number; w: number; h: number }): Box => [l.x - l.w / 2, l.y - l.h / 2, l.x + l.w / 2, l.y + l.h / 2]
const overlap = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]

describe('map labels', () => {
  it('puts a label inside a region with room, at a point with most room', () => {
    const [l] = placeLabels([square('a', 0, 0, 400)], { bounds: [0, 0, 800, 800] })
    expect(l.leader).toBeNull()
    expect(Math.abs(l.x - 200)).toBeLessThan(40)
    expect(Math.abs(l.y - 200)).toBeLessThan(40)
  })
  it('keeps crowded labels apart: inside their regions where they fit, else with a leader line, never clipped', () => {
    // A 6×4 block of small cells (an urban core) beside one large region.
    const cells = Array.from({ length: 24 }, (_, i) => square(`c${i}`, 300 + (i % 6) * 30, 300 + Math.floor(i / 6) * 30, 30))
    const regions = [square('big', 0, 0, 280), ...cells]
    const bounds: Box = [0, 0, 900, 700]
    const out = placeLabels(regions, { bounds })
    for (let i = 0; i < out.length; i++) {
      const b = boxOf(out[i])
      expect(b[0] >= bounds[0] && b[1] >= bounds[1] && b[2] <= bounds[2] && b[3] <= bounds[3], out[i].code).toBe(true)
      for (let j = i + 1; j < out.length; j++) expect(overlap(b, boxOf(out[j])), `${out[i].code} × ${out[j].code}`).toBe(false)
      const own = regions.find((r) => r.code === out[i].code)!
      if (!out[i].leader) expect(insideRings(own.rings, [out[i].x, out[i].y]), out[i].code).toBe(true)
      else expect(insideRings(own.rings, out[i].leader!), out[i].code).toBe(true)
    }
    expect(out.find((l) => l.code === 'big')!.leader).toBeNull()
    expect(out.filter((l) => l.leader).length).toBeGreaterThan(0)
  })
  it('keeps off obstacles', () => {
    const obstacle: Box = [0, 0, 400, 400]
    const [l] = placeLabels([square('a', 0, 0, 400)], { bounds: [0, 0, 900, 900], obstacles: [obstacle] })
    expect(overlap(boxOf(l), obstacle)).toBe(false)
    expect(l.leader).not.toBeNull()
  })
  it('sizes a label by its name, and ends a leader line on the box edge', () => {
    expect(labelBox('海城市').w).toBeGreaterThan(labelBox('ab').w - 1)
    expect(labelBox('Haicheng Niuzhuang Town').w).toBeGreaterThan(labelBox('海城市').w)
    const end = leaderEnd({ code: 'a', name: 'a', x: 100, y: 100, w: 60, h: 40, leader: [300, 100] })
    expect(end).toEqual([130, 100])
  })
  it('inks a label dark on a light fill and white on a dark one', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1, 5)
    expect(labelInk('#b8f3ff').name).toBe('#04122a')
    expect(labelInk('#0b2a55').name).toBe('#ffffff')
    expect(labelInk('#3ee6a0').name).toBe('#04122a')
  })
})
