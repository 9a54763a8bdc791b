// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import type { WallSocket } from '../api/socket.ts'
import { useWallStore } from '../stores/wall.ts'
import { snapshotFixture, tickerItem } from '../test-fixtures/snapshot.ts'
import { useLiveFeed } from './useLiveFeed.ts'

type Handler = (...args: unknown[]) => void

/** A socket double: records emits, lets the test play the server. */
function fakeSocket() {
  const handlers = new Map<string, Set<Handler>>()
  const emits: { event: string; payload: unknown; ack?: Handler }[] = []
  const s = {
    connected: false,
    active: true,
    on(event: string, fn: Handler) {
      if (!handlers.has(event)) handlers.set(event, new Set())
      handlers.get(event)!.add(fn)
      return s
    },
    off(event: string, fn: Handler) {
      handlers.get(event)?.delete(fn)
      return s
    },
    emit(event: string, payload: unknown, ack?: Handler) {
      emits.push({ event, payload, ack })
      return s
    },
    timeout: () => ({ emit: (event: string, payload: unknown, ack: Handler) => emits.push({ event, payload, ack: (res: unknown) => ack(null, res) }) }),
    connect: () => s,
  }
  return {
    socket: s as unknown as WallSocket,
    emits,
    listeners: () => [...handlers.values()].reduce((n, set) => n + set.size, 0),
    serverSays: (event: string, ...args: unknown[]) => handlers.get(event)?.forEach((fn) => fn(...args)),
    connect() {
      s.connected = true
      handlers.get('connect')?.forEach((fn) => fn())
    },
    disconnect() {
      s.connected = false
      handlers.get('disconnect')?.forEach((fn) => fn('transport close'))
    },
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('useLiveFeed', () => {
  it('subscribes on connect, resyncs after every reconnect, merges pushes', () => {
    const fake = fakeSocket()
    const store = useWallStore()
    const scope = effectScope()
    scope.run(() => useLiveFeed(ref('2103'), { socket: fake.socket }))

    fake.connect()
    const sub = fake.emits.filter((e) => e.event === 'subscribe')
    expect(sub.map((e) => e.payload)).toEqual([{ region: '2103' }])
    sub[0].ack!({ ok: true, data: snapshotFixture({ open: 1 }) })
    expect(store.snapshot?.open).toBe(1)
    expect(store.connected).toBe(true)

    fake.serverSays('kpi', snapshotFixture({ open: 2 }))
    fake.serverSays('kpi', snapshotFixture({ region: '210302', open: 99 }))
    fake.serverSays('ticker', { region: '2103', items: [tickerItem(1)] })
    vi.advanceTimersByTime(1000)
    expect(store.snapshot?.open).toBe(2)
    expect(store.ticker).toHaveLength(1)

    fake.disconnect()
    expect(store.connected).toBe(false)
    expect(store.snapshot?.open).toBe(2)
    fake.connect()
    const resub = fake.emits.filter((e) => e.event === 'subscribe')
    expect(resub).toHaveLength(2)
    resub[1].ack!({ ok: true, data: snapshotFixture({ open: 3 }) })
    expect(store.snapshot?.open).toBe(3)
    scope.stop()
  })

  it('probes with a fresh subscribe when the push goes quiet', () => {
    const fake = fakeSocket()
    const scope = effectScope()
    scope.run(() => useLiveFeed(ref('2103'), { socket: fake.socket }))
    fake.connect()
    fake.emits[0].ack!({ ok: true, data: snapshotFixture() })
    vi.advanceTimersByTime(1500)
    expect(fake.emits.filter((e) => e.event === 'subscribe')).toHaveLength(1)
    vi.advanceTimersByTime(1000)
    expect(fake.emits.filter((e) => e.event === 'subscribe')).toHaveLength(2)
    scope.stop()
  })

  it('leaves no listener or timer behind when disposed', () => {
    const fake = fakeSocket()
    const before = vi.getTimerCount()
    const scope = effectScope()
    scope.run(() => useLiveFeed(ref('2103'), { socket: fake.socket }))
    fake.connect()
    expect(fake.listeners()).toBeGreaterThan(0)
    scope.stop()
    expect(fake.listeners()).toBe(0)
    expect(vi.getTimerCount()).toBe(before)
    expect(fake.emits.at(-1)).toMatchObject({ event: 'unsubscribe', payload: { region: '2103' } })
  })
})
