import { describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { createdEvent, lifeEvent } from '../testing/test-app.ts'
import { Engine } from './engine.ts'

const tree = loadRegionPack('2103')
const T = (t: string) => Date.parse(`${t}+08:00`)
const iso = (t: string) => `${t}+08:00`

describe('point book', () => {
  it('follows each located request of today to its state; invalidated ones leave; the next day holds none', () => {
    const clock = { now: T('2026-11-21T12:00:00') }
    const a = new Engine({ tree, clock: () => clock.now })
    const events: IngestEvent[] = [
      createdEvent('A', iso('2026-11-21T09:00:00'), { location: [122.99949, 41.1], deadline: iso('2026-11-21T12:30:00') }),
      createdEvent('B', iso('2026-11-21T09:30:00'), { location: [123, 41.2], region: '210303002001' }),
      lifeEvent('request.invalidated', 'B', iso('2026-11-21T09:40:00')),
    ]
    a.applyCommitted(events)
    a.tick()
    const city = () => a.points.of(0, clock.now).points
    expect(city()).toEqual([{ location: [122.999, 41.1], category: '供暖', state: 'open', at: T('2026-11-21T09:00:00') }])
    // Time passes its deadline: overdue with no event.
    clock.now = T('2026-11-21T13:00:00')
    a.tick()
    expect(city()[0].state).toBe('overdue')
    // 铁西区 holds none of them; the next day holds none at all.
    expect(a.points.of(tree.indexOf('210303'), clock.now).points).toEqual([])
    clock.now = T('2026-11-22T00:00:01')
    expect(city()).toEqual([])
    // Their rows leave with the next checkpoint.
    expect(a.points.capture()).toEqual([{ k: 'm:A', v: null }])
  })
})
