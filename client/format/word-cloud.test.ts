import { describe, expect, it } from 'vitest'
import { CLOUD_GAP, cloudLayout, cloudSizeRange, type PlacedWord, type WordBox } from './word-cloud.ts'

/** Boxes shrinking with weight, as the panel sizes them. */
const boxes = (n: number): WordBox[] => Array.from({ length: n }, (_, i) => ({ width: 120 - i * 6, height: Math.max(18, 40 - i * 2) }))

const overlaps = (a: PlacedWord, b: PlacedWord, bx: readonly WordBox[]) =>
  a.x < b.x + bx[b.index].width && b.x < a.x + bx[a.index].width && a.y < b.y + bx[b.index].height && b.y < a.y + bx[a.index].height

describe('cloudLayout', () => {
  it('places words inside the panel without overlap, the heaviest in the middle', () => {
    const bx = boxes(14)
    const out = cloudLayout(bx, 420, 150)
    expect(out.length).toBeGreaterThan(6)
    for (const p of out) {
      expect(p.x).toBeGreaterThanOrEqual(0)
      expect(p.y).toBeGreaterThanOrEqual(0)
      expect(p.x + bx[p.index].width).toBeLessThanOrEqual(420)
      expect(p.y + bx[p.index].height).toBeLessThanOrEqual(150)
    }
    for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(overlaps(out[i], out[j], bx), `${i} ${j}`).toBe(false)
    const top = out.find((p) => p.index === 0)!
    // The heaviest word is the one nearest the centre.
    const dist = (p: PlacedWord) => Math.hypot(p.x + bx[p.index].width / 2 - 210, p.y + bx[p.index].height / 2 - 75)
    expect(Math.min(...out.map(dist))).toBe(dist(top))
  })

  it('leaves out what does not fit, never the heaviest, and keeps input order', () => {
    const bx = boxes(30)
    const out = cloudLayout(bx, 300, 90)
    expect(out.length).toBeLessThan(30)
    expect(out[0].index).toBe(0)
    expect(out.map((p) => p.index)).toEqual([...out.map((p) => p.index)].sort((a, b) => a - b))
    // A word wider than the panel is left out, not squeezed.
    expect(cloudLayout([{ width: 500, height: 20 }, { width: 50, height: 20 }], 300, 90).map((p) => p.index)).toEqual([1])
    expect(cloudLayout(bx, 300, 10)).toEqual([])
  })

  it('keeps the gaps between words of a row', () => {
    const out = cloudLayout([{ width: 100, height: 20 }, { width: 100, height: 20 }], 400, 30)
    expect(Math.abs(out[0].x - out[1].x)).toBe(100 + CLOUD_GAP.x)
  })
})

describe('cloud sizes', () => {
  it('never go below 15 px, and grow with the panel up to 36 px', () => {
    expect(cloudSizeRange(60)).toEqual([15, 18])
    expect(cloudSizeRange(120)).toEqual([15, 30])
    expect(cloudSizeRange(400)).toEqual([15, 36])
  })
})
