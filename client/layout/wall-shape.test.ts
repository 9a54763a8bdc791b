import { describe, expect, it } from 'vitest'
import { extraPanels, isPanel, PANELS } from './panel-registry.ts'
import { panelsOf, slotsOf, solveBoxes } from './layout-boxes.ts'
import { LAYOUT_SCREENS, placePanels, screenArea } from './wall-layouts.ts'
import { LAYOUTS, parseBezel, parseGrid, parseLayout, pickLayout, seamsOf, wallShape } from './wall-shape.ts'

describe('wall shape', () => {
  it('picks the layout for a size from its aspect, keeping text near its design size', () => {
    expect(pickLayout(1920, 1080)).toBe('16x9')
    expect(pickLayout(1280, 720)).toBe('16x9')
    expect(pickLayout(3840, 2160)).toBe('16x9')
    expect(pickLayout(5760, 1080)).toBe('3x1')
    expect(pickLayout(11520, 2160)).toBe('3x1')
    expect(pickLayout(7680, 1080)).toBe('4x1')
    expect(pickLayout(7680, 2160)).toBe('4x2')
    expect(pickLayout(1080, 1920)).toBe('portrait')
    // A 2×1 wall is too small for the 4×2 layout's text: today's layout, letterboxed.
    expect(pickLayout(3840, 1080)).toBe('16x9')
  })
  it('parses the URL forms and refuses the rest', () => {
    expect(parseGrid('3x1')).toEqual({ cols: 3, rows: 1 })
    expect(parseGrid('9x1')).toBeNull()
    expect(parseGrid('3×1')).toBeNull()
    expect(parseLayout('4x2')).toBe('4x2')
    expect(parseLayout('5x5')).toBeNull()
    expect(parseBezel('18')).toBe(18)
    expect(parseBezel('-1')).toBe(0)
    expect(parseBezel(undefined)).toBe(0)
  })
  it('splits a spliced wall into design screens whose seams fall on the real ones', () => {
    const s = wallShape(5760, 1080, { grid: { cols: 3, rows: 1 }, bezel: 20 })
    expect(s).toMatchObject({ layout: '3x1', cols: 3, rows: 1, screen: { width: 1920, height: 1080 }, scale: 1, offsetX: 0, offsetY: 0 })
    expect(seamsOf(s)).toEqual({ xs: [1920, 3840], ys: [] })
    expect(s.seamPad).toBe(10 + 12)
    const big = wallShape(7680, 2160, { grid: { cols: 4, rows: 2 }, bezel: 40 })
    expect(big.scale).toBe(1)
    expect(seamsOf(big)).toEqual({ xs: [1920, 3840, 5760], ys: [1080] })
    // A 4K 3×1 wall: the same layout at twice the scale; the bezel in design px halves.
    const uhd = wallShape(11520, 2160, { bezel: 40 })
    expect(uhd.scale).toBe(2)
    expect(uhd.seamPad).toBe(10 + 12)
  })
  it('follows a screen taller than 16:9 and letterboxes beyond a quarter off', () => {
    const s = wallShape(5760, 1200, { layout: '3x1' })
    expect(s.screen.height).toBe(1200)
    const odd = wallShape(5760, 3000, { layout: '3x1' })
    expect(odd.screen.height).toBe(1350)
    expect(odd.offsetY).toBeGreaterThan(0)
  })
})

describe('wall layouts', () => {
  for (const layout of LAYOUTS) {
    it(`${layout}: every core panel once, inside one screen, at least its minimum size`, () => {
      const shape = wallShape(layout === 'portrait' ? 1080 : 1920, layout === 'portrait' ? 1920 : 1080, { layout, bezel: 24 })
      const rects = placePanels(shape, isPanel, [])
      const core = Object.keys(PANELS).filter((n) => !PANELS[n].extra)
      const placed = LAYOUT_SCREENS[layout].flatMap(panelsOf)
      expect(new Set(placed).size, 'no panel twice').toBe(placed.length)
      if (layout !== 'portrait') expect([...rects.keys()].sort()).toEqual(core.sort())
      // The totem leaves out the categories, the 30-day trend and grid duty, never the closed loop.
      else expect(core.filter((n) => !rects.has(n)).sort()).toEqual(['category', 'daily', 'grid'])
      rects.forEach((r, name) => {
        const c = Math.floor(r.x / shape.screen.width)
        const row = Math.floor(r.y / shape.screen.height)
        const area = screenArea(shape, row * shape.cols + c)
        expect(r.x >= area.x - 1e-6 && r.x + r.width <= area.x + area.width + 1e-6, `${name} within its screen across`).toBe(true)
        expect(r.y >= area.y - 1e-6 && r.y + r.height <= area.y + area.height + 1e-6, `${name} within its screen down`).toBe(true)
        expect(r.width, `${name} width`).toBeGreaterThanOrEqual(PANELS[name].min.width)
        expect(r.height, `${name} height`).toBeGreaterThanOrEqual(PANELS[name].min.height)
      })
    })
  }
  it('fills slots with extra panels in registry order, and drops empty slots', () => {
    const shape = wallShape(5760, 1080, { layout: '3x1' })
    const known = (n: string) => isPanel(n) || n.startsWith('extra')
    const without = placePanels(shape, known, [])
    const withTwo = placePanels(shape, known, ['extraA', 'extraB'])
    expect(withTwo.has('extraA') && withTwo.has('extraB')).toBe(true)
    // The slot's space goes back to its neighbours when it is empty.
    expect(without.get('daily')!.height).toBeGreaterThan(withTwo.get('daily')!.height)
    expect(LAYOUT_SCREENS['3x1'].reduce((n, b) => n + slotsOf(b), 0)).toBe(2)
    expect(extraPanels()).toEqual(Object.keys(PANELS).filter((n) => PANELS[n].extra))
  })
  it('solves fixed sizes first and shares the rest by fr', () => {
    const out = solveBoxes({ dir: 'col', gap: 10, items: [{ size: '100px', panel: 'a' }, { size: '1fr', panel: 'b' }, { size: '3fr', panel: 'c' }] }, { x: 0, y: 0, width: 50, height: 520 })
    expect(out.get('a')).toEqual({ x: 0, y: 0, width: 50, height: 100 })
    expect(out.get('b')).toEqual({ x: 0, y: 110, width: 50, height: 100 })
    expect(out.get('c')).toEqual({ x: 0, y: 220, width: 50, height: 300 })
  })
})
