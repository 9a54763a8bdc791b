import { describe, expect, it } from 'vitest'
import { BRIEFING_TOUR_SLIDES, createTourClock, expandStops, tourChildren } from './tour.ts'

const kids = [
  { code: 'a', overdue: 3 },
  { code: 'b', overdue: 9 },
  { code: 'c', overdue: 0 },
  { code: 'd', overdue: 9 },
]

describe('tour stops', () => {
  it('is the base and each child when no carousel is given', () => {
    expect(expandStops(null, 'r', kids).map((s) => s.region)).toEqual(['r', 'a', 'b', 'c', 'd'])
  })
  it('expands a carousel: city, the worst children by overdue, the overdue ranking, briefing pages', () => {
    const stops = expandStops('city,worst2,overdue,briefing', 'r', kids)
    expect(stops.map((s) => `${s.page}:${s.region}:${s.query.measure ?? ''}:${s.query.zoom ?? ''}:${s.query.slide ?? ''}`)).toEqual([
      'wall:r:::',
      'wall:b:overdue::',
      'wall:d:overdue::',
      'wall:r:overdue:ranking:',
      ...BRIEFING_TOUR_SLIDES.map((k) => `briefing:r:::${k}`),
    ])
    expect(expandStops('worst', 'r', kids).map((s) => s.region)).toEqual(['b', 'd', 'a'])
    expect(expandStops('nonsense', 'r', kids).map((s) => s.region)).toEqual(['r'])
  })
})

describe('tour clock', () => {
  it('counts down a stop, moves on when due, and starts the next period', () => {
    const c = createTourClock(10_000, 30_000, 0)
    expect(c.remaining(0)).toBe(10)
    expect(c.remaining(2_500)).toBe(8)
    expect(c.due(9_999)).toBe(false)
    expect(c.due(10_000)).toBe(true)
    expect(c.remaining(10_000)).toBe(10)
  })
  it('pauses on interaction and resumes after the idle time with a whole period', () => {
    const c = createTourClock(10_000, 30_000, 0)
    c.interact(5_000)
    expect(c.paused(6_000)).toBe(true)
    expect(c.due(20_000)).toBe(false)
    expect(c.paused(35_000)).toBe(false)
    expect(c.due(35_000)).toBe(false)
    expect(c.remaining(35_000)).toBe(10)
    expect(c.due(45_000)).toBe(true)
  })
  it('keeps a pause across the clocks of successive pages', () => {
    const shared = { lastInteraction: -Infinity }
    createTourClock(10_000, 30_000, 0, shared).interact(1_000)
    const next = createTourClock(10_000, 30_000, 2_000, shared)
    expect(next.paused(2_000)).toBe(true)
    expect(next.due(12_000)).toBe(false)
  })
})

describe('tour on a parent wall', () => {
  it('visits no root: the children and worst stops stay on the parent', () => {
    const roots = [{ code: '2103', overdue: 4, name: '鞍山市' }, { code: '2111', overdue: 9, name: '盘锦市' }]
    expect(tourChildren({ children: roots })).toEqual([{ code: '2103', overdue: 4 }, { code: '2111', overdue: 9 }])
    const parent = tourChildren({ children: roots, rollUp: { roots: [] } })
    expect(expandStops('city,children,worst2,overdue', '21', parent).every((s) => s.region === '21')).toBe(true)
  })
})
