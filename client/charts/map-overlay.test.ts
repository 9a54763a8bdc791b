import { describe, expect, it } from 'vitest'
import type { ChildFigures } from '../../shared/kpi-types.ts'
import type { LabelInput } from './map-labels.ts'
import { inkOf, LED_BOX, LEGEND, legendEnds, leaderLines, mapLabels, measureTexts } from './map-overlay.ts'
import { labelInk } from './map-labels.ts'

const child = (code: string, acceptedToday: number, completionRate: number | null): ChildFigures => ({
  code,
  name: code,
  level: 'district',
  acceptedToday,
  completedToday: 0,
  acceptedYtd: 0,
  completionRate,
  satisfactionRate: null,
  onTimeRate: null,
  open: 0,
  overdue: 0,
  onDuty: 0,
})
const square = (code: string, x: number, y: number, s: number): LabelInput => ({
  code,
  name: code,
  rings: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s]]],
  center: [x + s / 2, y + s / 2],
})

describe('map overlay', () => {
  it('words each name and keeps every label inside the box less its margin and off the legend', () => {
    const box = { width: 800, height: 600 }
    // A region in the bottom left corner, where the legend sits.
    const labels = mapLabels([square('a', 0, 400, 200), square('b', 300, 100, 300)], box, (n) => `${n}区`)
    expect(labels.map((l) => l.name).sort()).toEqual(['a区', 'b区'])
    const legend = [LEGEND[0], box.height + LEGEND[1], LEGEND[2], box.height + LEGEND[3]]
    for (const l of labels) {
      const [x0, y0, x1, y1] = [l.x - l.w / 2, l.y - l.h / 2, l.x + l.w / 2, l.y + l.h / 2]
      expect(x0 >= 4 && y0 >= 4 && x1 <= box.width - 4 && y1 <= box.height - 4, l.code).toBe(true)
      expect(x0 < legend[2] && legend[0] < x1 && y0 < legend[3] && legend[1] < y1, l.code).toBe(false)
    }
  })
  it('places nothing before the map is laid out', () => {
    expect(mapLabels([square('a', 0, 0, 100)], { width: 0, height: 0 }, String)).toEqual([])
  })
  it('draws a leader line only for a label set outside its region, ending on its box', () => {
    const inside = { code: 'a', name: 'a', x: 50, y: 50, w: 40, h: 20, leader: null }
    const led = { code: 'b', name: 'b', x: 200, y: 50, w: 40, h: 20, leader: [100, 50] as [number, number] }
    expect(leaderLines([inside, led])).toEqual([{ code: 'b', from: [100, 50], to: [180, 50] }])
  })
  it('inks a label against its fill, or against the dark box when led', () => {
    const fills = new Map([['a', '#b8f3ff']])
    const a = { code: 'a', name: 'a', x: 0, y: 0, w: 1, h: 1, leader: null }
    expect(inkOf(a, fills)).toEqual(labelInk('#b8f3ff'))
    expect(inkOf(a, fills).name).not.toBe(inkOf({ ...a, leader: [0, 0] }, fills).name)
    expect(inkOf({ ...a, leader: [0, 0] }, fills)).toEqual(labelInk(LED_BOX))
  })
  it('shows counts with separators, 办结率 as a percentage, and a dash without a value', () => {
    const items = [child('a', 12345, 0.9876), child('b', 0, null)]
    expect(measureTexts(items, 'volume')).toEqual(new Map([['a', '12,345'], ['b', '0']]))
    expect(measureTexts(items, 'completion')).toEqual(new Map([['a', '98.8%'], ['b', '—']]))
  })
  it('labels the legend with the ends of the scale, or ± half the spread on the mean scale', () => {
    const items = [child('a', 100, 0.9), child('b', 300, 0.96)]
    expect(legendEnds(items, 'volume', 'range')).toEqual(['100', '300'])
    expect(legendEnds(items, 'volume', 'zero')).toEqual(['0', '300'])
    expect(legendEnds(items, 'completion', 'auto')).toEqual(['90.0%', '96.0%'])
    expect(legendEnds(items, 'volume', 'mean')).toEqual(['−100', '+100'])
  })
})
