// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { snapshotFixture, tickerItem } from '../test-fixtures/snapshot.ts'
import { useWallStore } from '../stores/wall.ts'
import { installMeasureHook, measure, traceRequested, type MeasureHook } from './hook.ts'
import { FIRST_DATA_MARK, installMeasurement } from './install.ts'

beforeEach(() => {
  setActivePinia(createPinia())
  // performance stays real: the marks are what is measured.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
})
afterEach(() => installMeasureHook(null))

/** A hook that writes down what the wall asks of it. */
function recorder(): MeasureHook & { calls: string[] } {
  const calls: string[] = []
  return { calls, mark: (n) => void calls.push(`mark ${n}`), tick: () => (calls.push('tick'), () => void calls.push('applied')), firstData: () => void calls.push('first') }
}

describe('the measurement hook', () => {
  it('is asked for with ?trace=1 only', () => {
    expect(traceRequested('?trace=1')).toBe(true)
    expect(traceRequested('?lang=en&trace=1')).toBe(true)
    expect(traceRequested('')).toBe(false)
    expect(traceRequested('?measure=volume')).toBe(false)
    expect(traceRequested('?trace=0')).toBe(false)
  })

  it('records nothing and leaves no global or performance entry when not installed', () => {
    performance.clearMarks()
    const store = useWallStore()
    store.setRegion('2103')
    store.resync({ seq: 1, snapshot: snapshotFixture() })
    expect(measure.enabled).toBe(false)
    expect(measure.tick()).toBeUndefined()
    expect(performance.getEntriesByType('mark')).toEqual([])
    expect('__yiwangRenderStats' in window).toBe(false)
  })

  it('hears each applied tick and the region\'s first figures once installed', () => {
    const hook = recorder()
    installMeasureHook(hook)
    const store = useWallStore()
    store.setRegion('2103')
    store.resync({ seq: 1, snapshot: snapshotFixture() })
    expect(hook.calls).toEqual(['tick', 'first', 'applied'])
    store.pushTicker([tickerItem(1)])
    vi.advanceTimersByTime(1000)
    expect(hook.calls).toEqual(['tick', 'first', 'applied', 'tick', 'applied'])
    measure.mark('yiwang:chart:hourly')
    expect(hook.calls.at(-1)).toBe('mark yiwang:chart:hourly')
  })

  it('marks the first figures and counts each tick\'s cost when the benchmark\'s measurement is installed', async () => {
    performance.clearMarks()
    installMeasurement()
    const store = useWallStore()
    store.setRegion('2103')
    store.resync({ seq: 1, snapshot: snapshotFixture() })
    store.pushTicker([tickerItem(1)])
    vi.advanceTimersByTime(1000)
    await nextTick()
    await vi.runAllTimersAsync()
    expect(performance.getEntriesByName(FIRST_DATA_MARK)).toHaveLength(1)
    const stats = window.__yiwangRenderStats!
    expect(stats.count).toBe(2)
    expect(stats.durations[0]).toBeGreaterThanOrEqual(0)
    delete window.__yiwangRenderStats
  })
})
