import { describe, expect, it } from 'vitest'
import { HOUR_MS } from '../../shared/time-windows.ts'
import { FeedWatch } from './feed-watch.ts'
import { SurgeDetector } from './surge-detector.ts'

const chain = Int32Array.from([5, 1, 0])
const T = Date.parse('2026-11-20T10:30:00+08:00')

describe('surge detection', () => {
  it('fires above max(10, 3 × the 7-day average for that hour), once per hour', () => {
    const d = new SurgeDetector({ watch: () => true })
    // Each of the last 7 days had 6 requests of category 0 between 10:00 and 11:00: average 6, threshold 18.
    for (let day = 1; day <= 7; day++) for (let i = 0; i < 6; i++) d.record(chain, 0, T - day * 24 * HOUR_MS + i * 60_000, T)
    const fired = []
    for (let i = 0; i < 19; i++) fired.push(...d.record(chain, 0, T - 30 * 60_000 + i * 60_000, T))
    expect(fired.map((s) => [s.region, s.count, s.threshold])).toEqual([
      [5, 19, 18],
      [1, 19, 18],
      [0, 19, 18],
    ])
    expect(d.record(chain, 0, T, T)).toEqual([]) // not again within the hour
    expect(d.record(chain, 1, T, T)).toEqual([]) // another category is counted apart
  })

  it('needs more than 10 when the history is quiet, and ignores old events', () => {
    const d = new SurgeDetector({ watch: () => true })
    const out = []
    for (let i = 0; i < 10; i++) out.push(...d.record(chain, 2, T - i * 60_000, T))
    expect(out).toEqual([])
    expect(d.record(chain, 2, T - 2 * HOUR_MS, T)).toEqual([])
    expect(d.record(chain, 2, T, T)).toHaveLength(3)
  })
})

describe('feed watch', () => {
  it('alerts once per outage, only during working hours', () => {
    const start = Date.parse('2026-11-20T09:00:00+08:00')
    const w = new FeedWatch(start, 10 * 60_000, [8, 18])
    expect(w.check(start + 9 * 60_000)).toBeNull()
    expect(w.check(start + 11 * 60_000)).toBe(11 * 60_000)
    expect(w.check(start + 12 * 60_000)).toBeNull()
    w.fed(start + 13 * 60_000)
    expect(w.check(start + 20 * 60_000)).toBeNull()
    const night = Date.parse('2026-11-20T22:00:00+08:00')
    expect(w.check(night)).toBeNull()
  })
})
