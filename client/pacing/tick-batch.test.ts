import { describe, expect, it } from 'vitest'
import { alertFixture, snapshotFixture, tickerItem } from '../test-fixtures/snapshot.ts'
import { createTickCoalescer, type TickBatch, type TickScheduler } from './tick-batch.ts'

/** A manual clock: timers fire when the test advances time. */
function fakeScheduler() {
  let now = 0
  let timers: { at: number; fn: () => void; id: number }[] = []
  let next = 0
  const sched: TickScheduler = {
    now: () => now,
    setTimer: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: ++next })
      return next
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id)
    },
  }
  const advance = (ms: number) => {
    now += ms
    for (const t of timers.filter((t) => t.at <= now)) {
      timers = timers.filter((x) => x !== t)
      t.fn()
    }
  }
  return { sched, advance, pending: () => timers.length }
}

describe('tick coalescer', () => {
  it('turns a burst into one apply per tick, latest snapshot winning', () => {
    const { sched, advance } = fakeScheduler()
    const applied: TickBatch[] = []
    const q = createTickCoalescer({ intervalMs: () => 1000, apply: (b) => applied.push(b), scheduler: sched })
    for (let i = 0; i < 50; i++) q.snapshot(snapshotFixture({ open: i }))
    q.ticker([tickerItem(1)])
    q.ticker([tickerItem(2)])
    q.alert(alertFixture(1))
    advance(0)
    expect(applied).toHaveLength(1)
    expect(applied[0].snapshot?.open).toBe(49)
    expect(applied[0].ticker.map((t) => t.requestId)).toEqual(['R1', 'R2'])
    expect(applied[0].alerts).toHaveLength(1)

    q.snapshot(snapshotFixture({ open: 100 }))
    advance(500)
    expect(applied).toHaveLength(1)
    q.snapshot(snapshotFixture({ open: 101 }))
    advance(500)
    expect(applied).toHaveLength(2)
    expect(applied[1].snapshot?.open).toBe(101)
  })
  it('bounds buffered ticker items', () => {
    const { sched, advance } = fakeScheduler()
    const applied: TickBatch[] = []
    const q = createTickCoalescer({ intervalMs: () => 1000, apply: (b) => applied.push(b), maxItems: 5, scheduler: sched })
    q.ticker(Array.from({ length: 20 }, (_, i) => tickerItem(i)))
    advance(0)
    expect(applied[0].ticker.map((t) => t.requestId)).toEqual(['R15', 'R16', 'R17', 'R18', 'R19'])
  })
  it('drops pending work and timers on cancel', () => {
    const { sched, advance, pending } = fakeScheduler()
    const applied: TickBatch[] = []
    const q = createTickCoalescer({ intervalMs: () => 1000, apply: (b) => applied.push(b), scheduler: sched })
    q.snapshot(snapshotFixture())
    q.cancel()
    expect(pending()).toBe(0)
    advance(5000)
    expect(applied).toHaveLength(0)
  })
})
