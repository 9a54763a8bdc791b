// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import type { WallSocket } from '../api/socket.ts'
import { useWallStore } from '../stores/wall.ts'
import { diffSnapshot } from '../../shared/snapshot-feed.ts'
import type { Frame, KpiDelta, Subscription } from '../../shared/socket-contract.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
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

const sub = (seq: number, snapshot: Snapshot): { ok: true; data: Subscription } => ({ ok: true, data: { seq, snapshot } })
const delta = (base: number, seq: number, from: Snapshot, to: Snapshot): KpiDelta => ({ base, seq, patch: diffSnapshot(from, to) ?? {} })
const frame = (over: Partial<Frame> = {}): Frame => ({ region: '2103', at: Date.now(), lastEventAt: null, storeHealthy: true, ...over })

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
    const subs = fake.emits.filter((e) => e.event === 'subscribe')
    expect(subs.map((e) => e.payload)).toEqual([{ region: '2103' }])
    const s1 = snapshotFixture({ open: 1 })
    subs[0].ack!(sub(10, s1))
    expect(store.snapshot?.open).toBe(1)
    expect(store.connected).toBe(true)

    const s2 = snapshotFixture({ open: 2 })
    fake.serverSays('frame', frame({ kpi: delta(10, 11, s1, s2), ticker: [tickerItem(1)] }))
    fake.serverSays('frame', frame({ region: '210302', kpi: delta(11, 12, s2, snapshotFixture({ open: 99 })) }))
    vi.advanceTimersByTime(1000)
    expect(store.snapshot).toEqual(s2)
    expect(store.ticker).toHaveLength(1)

    fake.disconnect()
    expect(store.connected).toBe(false)
    expect(store.snapshot?.open).toBe(2)
    fake.connect()
    const resub = fake.emits.filter((e) => e.event === 'subscribe')
    expect(resub).toHaveLength(2)
    resub[1].ack!(sub(20, snapshotFixture({ open: 3 })))
    expect(store.snapshot?.open).toBe(3)
    scope.stop()
  })

  it('resubscribes once when a delta does not follow the version held, and ignores stale ones', () => {
    const fake = fakeSocket()
    const store = useWallStore()
    const scope = effectScope()
    scope.run(() => useLiveFeed(ref('2103'), { socket: fake.socket }))
    fake.connect()
    const s1 = snapshotFixture({ open: 1 })
    fake.emits[0].ack!(sub(10, s1))
    const subscribes = () => fake.emits.filter((e) => e.event === 'subscribe')
    fake.serverSays('frame', frame({ kpi: delta(9, 10, snapshotFixture({ open: 0 }), s1) }))
    expect(subscribes()).toHaveLength(1)
    // 10 → 11 was lost: 11 → 12 does not fit.
    fake.serverSays('frame', frame({ kpi: delta(11, 12, snapshotFixture({ open: 2 }), snapshotFixture({ open: 3 })) }))
    fake.serverSays('frame', frame({ kpi: delta(12, 13, snapshotFixture({ open: 3 }), snapshotFixture({ open: 4 })) }))
    expect(subscribes()).toHaveLength(2)
    expect(store.gaps).toBe(2)
    vi.advanceTimersByTime(1000)
    expect(store.snapshot?.open).toBe(1)
    subscribes()[1].ack!(sub(13, snapshotFixture({ open: 4 })))
    expect(store.snapshot?.open).toBe(4)
    expect(store.seq()).toBe(13)
    scope.stop()
  })

  it('probes with a fresh subscribe when the push goes quiet', () => {
    const fake = fakeSocket()
    const scope = effectScope()
    scope.run(() => useLiveFeed(ref('2103'), { socket: fake.socket }))
    fake.connect()
    fake.emits[0].ack!(sub(1, snapshotFixture()))
    // A quiet region gets a bare heartbeat every BEAT_TICKS ticks: no probe while they come.
    for (let t = 0; t < 4; t++) {
      vi.advanceTimersByTime(2000)
      fake.serverSays('frame', frame())
    }
    expect(fake.emits.filter((e) => e.event === 'subscribe')).toHaveLength(1)
    vi.advanceTimersByTime(2500)
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
