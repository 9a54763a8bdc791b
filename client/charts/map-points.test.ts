import { describe, expect, it } from 'vitest'
import { tickerItem } from '../test-fixtures/snapshot.ts'
import { clusterPoints, clusterSize, MAX_POINTS, mergePoints } from './map-points.ts'

describe('map points', () => {
  it('keeps today’s located requests once each, and drops yesterday’s', () => {
    const a = tickerItem(1, { location: [123, 41], at: 1_000 })
    const b = tickerItem(2, { at: 2_000 })
    const c = tickerItem(3, { location: [123.1, 41], at: 3_000 })
    const once = mergePoints([], [a, b, c], 0)
    expect(once.map((p) => p.id)).toEqual([a.requestId, c.requestId])
    expect(mergePoints(once, [a, c], 0)).toBe(once)
    expect(mergePoints(once, [], 2_000).map((p) => p.id)).toEqual([c.requestId])
    const many = Array.from({ length: MAX_POINTS + 5 }, (_, i) => tickerItem(i, { location: [123, 41], at: i }))
    expect(mergePoints([], many, 0)).toHaveLength(MAX_POINTS)
  })
  it('clusters nearby points into one dot at their mean, sized by count', () => {
    const out = clusterPoints([
      { xy: [10, 10], urgent: false },
      { xy: [14, 12], urgent: true },
      { xy: [100, 100], urgent: false },
    ])
    expect(out).toHaveLength(2)
    expect(out[0]).toMatchObject({ x: 12, y: 11, count: 2, urgent: 1 })
    expect(clusterSize(1)).toBeLessThan(clusterSize(9))
    expect(clusterSize(10_000)).toBe(44)
  })
})
