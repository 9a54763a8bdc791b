import { describe, expect, it } from 'vitest'
import type { MapPointState } from '../../shared/map-points.ts'
import { tickerItem } from '../test-fixtures/snapshot.ts'
import { clusterLook, clusterPoints, clusterSize, MAX_POINTS, mergePoints, serverPoints } from './map-points.ts'

describe('map points', () => {
  it('keeps today’s located requests once each, and drops yesterday’s', () => {
    const a = tickerItem(1, { location: [123, 41], at: 1_000 })
    const b = tickerItem(2, { at: 2_000 })
    const c = tickerItem(3, { location: [123.1, 41], at: 3_000 })
    const once = mergePoints([], [a, b, c], 0)
    expect(once.map((p) => p.at)).toEqual([1_000, 3_000])
    expect(once.every((p) => p.state === 'open')).toBe(true)
    expect(mergePoints(once, [a, c], 0)).toBe(once)
    expect(mergePoints(once, [], 2_000).map((p) => p.at)).toEqual([3_000])
    const many = Array.from({ length: MAX_POINTS + 5 }, (_, i) => tickerItem(i, { location: [123, 41], at: i }))
    expect(mergePoints([], many, 0)).toHaveLength(MAX_POINTS)
  })
  it('adds a live item only when the day’s list from the server does not hold it already', () => {
    const listed = tickerItem(1, { location: [123.001, 41.002], at: 1_000 })
    const list = serverPoints({
      region: '2103',
      date: '2026-11-21',
      asOf: 5_000,
      capped: false,
      points: [{ location: [123.001, 41.002], category: listed.category, state: 'overdue', at: 1_000 }],
    })
    const merged = mergePoints(list, [listed, tickerItem(2, { location: [123.001, 41.002], at: 4_000 })], 0)
    expect(merged.map((p) => [p.at, p.state])).toEqual([
      [1_000, 'overdue'],
      [4_000, 'open'],
    ])
  })
  it('clusters nearby points into one dot at their mean, sized by count, counting overdue and completed', () => {
    const out = clusterPoints([
      { xy: [10, 10], state: 'open' },
      { xy: [14, 12], state: 'overdue' },
      { xy: [100, 100], state: 'completed' },
    ])
    expect(out).toHaveLength(2)
    expect(out[0]).toMatchObject({ x: 12, y: 11, count: 2, overdue: 1, completed: 0 })
    expect(out[1]).toMatchObject({ count: 1, overdue: 0, completed: 1 })
    expect(clusterSize(1)).toBeLessThan(clusterSize(9))
    expect(clusterSize(10_000)).toBe(44)
  })
  it('draws a close without 办结 (未办结关闭) apart from 办结: grey, not green', () => {
    const at = (x: number, ...states: MapPointState[]) => clusterPoints(states.map((state, i) => ({ xy: [x + i, 10] as [number, number], state })))[0]
    const [unresolved, done, mixed, open, late] = [
      at(10, 'unresolved'),
      at(100, 'completed'),
      at(200, 'completed', 'unresolved'),
      at(300, 'open', 'unresolved'),
      at(400, 'overdue', 'completed'),
    ]
    expect(unresolved).toMatchObject({ count: 1, unresolved: 1, completed: 0 })
    expect([unresolved, done, mixed, open, late].map(clusterLook)).toEqual(['unresolved', 'done', 'unresolved', 'open', 'overdue'])
  })
})
