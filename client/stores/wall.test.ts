// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { alertFixture, snapshotFixture, tickerItem } from '../test-fixtures/snapshot.ts'
import { diffSnapshot } from '../../shared/snapshot-feed.ts'
import type { Frame } from '../../shared/socket-contract.ts'
import { MAX_TICKER, useWallStore } from './wall.ts'

const frame = (over: Partial<Frame> = {}): Frame => ({ region: '2103', at: 0, lastEventAt: null, storeHealthy: true, ...over })

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})

describe('wall store', () => {
  it('takes a resync at once and coalesces frames to one render per tick', () => {
    const store = useWallStore()
    store.setRegion('2103')
    let held = snapshotFixture({ open: 1 })
    store.resync({ seq: 1, snapshot: held })
    expect(store.snapshot?.open).toBe(1)
    const renders = store.renders
    for (let i = 2; i < 30; i++) {
      const next = snapshotFixture({ open: i })
      expect(store.pushFrame(frame({ kpi: { base: i - 1, seq: i, patch: diffSnapshot(held, next)! } }))).toBe(true)
      held = next
    }
    store.pushTicker([tickerItem(1)])
    vi.advanceTimersByTime(999)
    expect(store.renders).toBe(renders)
    vi.advanceTimersByTime(1)
    expect(store.renders).toBe(renders + 1)
    expect(store.snapshot?.open).toBe(29)
    expect(store.ticker).toHaveLength(1)
  })
  it('ignores figures of another region and clears on a region change', () => {
    const store = useWallStore()
    store.setRegion('210302')
    store.resync({ seq: 1, snapshot: snapshotFixture() })
    expect(store.snapshot).toBeNull()
    store.resync({ seq: 2, snapshot: snapshotFixture({ region: '210302' }) })
    expect(store.snapshot?.region).toBe('210302')
    store.setRegion('2103')
    expect(store.snapshot).toBeNull()
    expect(store.receivedAt).toBeNull()
  })
  it('keeps the ticker newest first, without duplicates, bounded', () => {
    const store = useWallStore()
    store.setRegion('2103')
    store.pushTicker(Array.from({ length: 40 }, (_, i) => tickerItem(i)))
    vi.runAllTimers()
    store.pushTicker([tickerItem(39), tickerItem(40)])
    vi.runAllTimers()
    expect(store.ticker).toHaveLength(MAX_TICKER)
    expect(store.ticker.slice(0, 2).map((t) => t.requestId)).toEqual(['R40', 'R39'])
  })
  it('orders alerts newest first and drops repeats', () => {
    const store = useWallStore()
    store.pushAlert(alertFixture(1))
    store.pushAlert(alertFixture(3))
    store.pushAlert(alertFixture(2))
    vi.runAllTimers()
    store.pushAlert(alertFixture(3))
    vi.runAllTimers()
    expect(store.alerts.map((a) => a.id)).toEqual(['A3', 'A2', 'A1'])
  })
  it('drops an alert acknowledged on any wall and does not take it back', () => {
    const store = useWallStore()
    store.pushAlert(alertFixture(1))
    store.pushAlert(alertFixture(2))
    vi.runAllTimers()
    store.pushAlert({ ...alertFixture(1), ackedAt: 5 })
    vi.runAllTimers()
    expect(store.alerts.map((a) => a.id)).toEqual(['A2'])
    store.pushAlert(alertFixture(1)) // the recent list fetched again on a region change
    vi.runAllTimers()
    expect(store.alerts.map((a) => a.id)).toEqual(['A2'])
  })
  it('puts history loaded after a live frame below it', () => {
    const store = useWallStore()
    store.setRegion('2103')
    store.pushTicker([{ ...tickerItem(9), at: 9000 }])
    vi.runAllTimers()
    store.pushTicker([{ ...tickerItem(1), at: 1000 }, { ...tickerItem(2), at: 2000 }])
    vi.runAllTimers()
    expect(store.ticker.map((t) => t.requestId)).toEqual(['R9', 'R2', 'R1'])
  })
  it('keeps the server clock and the last ingest for the data age', () => {
    const store = useWallStore()
    store.setRegion('2103')
    vi.setSystemTime(1_000_000)
    store.pushFrame(frame({ at: 1_060_000, lastEventAt: 1_000_000 }))
    expect(store.skewMs).toBe(60_000)
    expect(store.lastEventAt).toBe(1_000_000)
  })
})
