import { describe, expect, it } from 'vitest'
import { dayIndex, HOUR_MS } from '../../shared/time-windows.ts'
import { FeedWatch, type FeedWatchOptions } from './feed-watch.ts'
import { applyAcks, splitAcks } from './acks.ts'
import { ackEvent, type Alert } from '../../shared/alerts.ts'
import type { IngestEvent } from '../../shared/events.ts'
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
    // One event, one alert: at the deepest region; its ancestors over the threshold are the same event.
    expect(fired.map((s) => [s.region, s.count, s.threshold])).toEqual([[5, 19, 18]])
    expect(d.record(chain, 0, T, T)).toEqual([]) // not again within the hour
    expect(d.record(chain, 1, T, T)).toEqual([]) // another category is counted apart
  })

  it('needs more than 10 when the history is quiet, and ignores old events', () => {
    const d = new SurgeDetector({ watch: () => true })
    const out = []
    for (let i = 0; i < 10; i++) out.push(...d.record(chain, 2, T - i * 60_000, T))
    expect(out).toEqual([])
    expect(d.record(chain, 2, T - 2 * HOUR_MS, T)).toEqual([])
    expect(d.record(chain, 2, T, T).map((s) => s.region)).toEqual([5])
  })

  it('does not alert the street again within the hour when a second region under it adds to the same burst', () => {
    const d = new SurgeDetector({ watch: () => true })
    const other = Int32Array.from([6, 1, 0])
    const fired = []
    for (let i = 0; i < 11; i++) fired.push(...d.record(chain, 3, T - 40 * 60_000 + i * 60_000, T))
    expect(fired.map((s) => s.region)).toEqual([5]) // region 5 alone: its street and city are covered
    // Region 6 under the same street adds 5 (street: 16 > 10): the street and city were marked with 5's alert.
    for (let i = 0; i < 5; i++) fired.push(...d.record(other, 3, T - 20 * 60_000 + i * 60_000, T))
    expect(fired.map((s) => s.region)).toEqual([5])
  })
})

describe('feed watch', () => {
  const day0 = Date.parse('2026-11-01T00:00:00+08:00')
  /** A history of 14 days: 60 requests at 10:00–11:00 and one at 03:00–04:00 each day. */
  const learnt = (opts: Partial<FeedWatchOptions> = {}) => {
    const w = new FeedWatch(day0, { staleMs: 10 * 60_000, ...opts })
    for (let d = 0; d < 14; d++) {
      for (let i = 0; i < 60; i++) w.learn(day0 + d * 24 * HOUR_MS + 10 * HOUR_MS + i * 60_000)
      w.learn(day0 + d * 24 * HOUR_MS + 3 * HOUR_MS + 5 * 60_000)
    }
    return w
  }
  const on15 = (h: number, m = 0) => day0 + 14 * 24 * HOUR_MS + h * HOUR_MS + m * 60_000

  it('learns the mean requests of each hour over the complete days', () => {
    const w = learnt()
    expect(w.rate(10, dayIndex(on15(0)))).toBe(60)
    expect(w.rate(3, dayIndex(on15(0)))).toBe(1)
    expect(w.rate(4, dayIndex(on15(0)))).toBe(0)
    expect(w.expectedBetween(on15(10), on15(10, 30))).toBeCloseTo(30)
  })

  it('alerts once for a silent 10:00, never for a silent night hour', () => {
    const w = learnt()
    w.fed(on15(10))
    expect(w.check(on15(10, 4))).toBeNull() // under the shortest silence
    const s = w.check(on15(10, 11))
    expect(s?.silentMs).toBe(11 * 60_000)
    expect(s?.expected).toBeCloseTo(11)
    expect(w.check(on15(10, 20))).toBeNull() // once per silence
    w.fed(on15(10, 21))
    expect(w.check(on15(10, 40))).not.toBeNull()

    const night = learnt()
    night.fed(on15(2))
    expect(night.check(on15(4, 50))).toBeNull() // 2 h 50 min of silence expect one request
  })

  it('alerts on silence alone without history, and keeps what it learnt through its state', () => {
    const fresh = new FeedWatch(day0, { staleMs: 10 * 60_000 })
    expect(fresh.check(day0 + 3 * HOUR_MS)?.expected).toBeNull()
    const copy = new FeedWatch(day0, { staleMs: 10 * 60_000 })
    copy.fromState(learnt().toState())
    expect(copy.rate(10, dayIndex(on15(0)))).toBe(60)
  })

  it('forgets days older than its window', () => {
    const w = learnt({ learnDays: 7 })
    expect(w.rate(10, dayIndex(on15(0)))).toBe(60)
    expect(w.rate(10, dayIndex(on15(0)) + 16)).toBeNull()
  })
})

describe('acknowledgements', () => {
  const alert = (id: string): Alert => ({ id, kind: 'surge', region: '2103', regionName: '鞍山市', at: T, params: { place: '鞍山市', category: '供暖', count: 11, threshold: 10 } })

  it('are split from the data of a batch and mark their alert once', () => {
    const data = { id: 'e1', type: 'request.completed', at: new Date(T).toISOString(), requestId: 'r' } as IngestEvent
    const ack = ackEvent('a1', T + 1000) as unknown as IngestEvent
    const { data: rest, acks } = splitAcks([data, ack])
    expect(rest).toEqual([data])
    expect(acks.map((k) => k.alertId)).toEqual(['a1'])
    const recent = [alert('a1'), alert('a2')]
    expect(applyAcks(recent, acks).map((a) => [a.id, a.ackedAt])).toEqual([['a1', T + 1000]])
    expect(applyAcks(recent, acks)).toEqual([]) // replayed: already acknowledged
    expect(recent[1].ackedAt).toBeUndefined()
    const plain = [data]
    expect(splitAcks(plain).data).toBe(plain) // no copy without acknowledgements
  })
})
