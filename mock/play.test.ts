import { describe, expect, it } from 'vitest'
import type { IngestEvent } from '../shared/events.ts'
import { DAY_MS, HOUR_MS, MINUTE_MS, shanghaiMs } from '../shared/time-windows.ts'
import { play } from './play.ts'
import { createSimulator } from './simulator.ts'
import { anshan } from './test-fixtures.ts'

const T0 = shanghaiMs(2026, 3, 2, 9)

/** A fake clock whose `sleep` moves time forward instantly. */
function fakeTime(start: number) {
  let now = start
  return { clock: () => now, sleep: async (ms: number) => void (now += ms) }
}

describe('play', () => {
  it('catches up as fast as acknowledged, then follows the clock without getting ahead of it', async () => {
    const time = fakeTime(T0)
    const sim = createSimulator({ tree: anshan, seed: 3, from: T0 - DAY_MS, gridFrom: Infinity })
    const sent: { at: number; now: number }[] = []
    const send = async (events: IngestEvent[]) => {
      for (const e of events) sent.push({ at: Date.parse(e.at), now: time.clock() })
    }
    const p = await play({ sim, send, clock: time.clock, sleep: time.sleep, stopAt: T0 + 2 * HOUR_MS, tickMs: 1000 })
    expect(p.cursor).toBe(T0 + 2 * HOUR_MS)
    expect(sent.filter((s) => s.at < T0).every((s) => s.now === T0)).toBe(true) // the day before: no waiting
    expect(sent.every((s) => s.at <= s.now)).toBe(true)
    expect(sent.filter((s) => s.at >= T0).length).toBeGreaterThan(50)
  })

  it('replays at --speed N while behind the clock', async () => {
    const time = fakeTime(T0)
    const sim = createSimulator({ tree: anshan, seed: 3, from: T0 - 10 * HOUR_MS, gridFrom: Infinity })
    await play({ sim, send: async () => {}, clock: time.clock, sleep: time.sleep, speed: 60, stopAt: T0 - 4 * HOUR_MS })
    expect(time.clock() - T0).toBeGreaterThanOrEqual(6 * MINUTE_MS - 1000)
    expect(time.clock() - T0).toBeLessThan(6 * MINUTE_MS + 2000)
  })

  it('holds events during a feed outage and sends the backlog afterwards', async () => {
    const time = fakeTime(T0)
    const sim = createSimulator({ tree: anshan, seed: 3, from: T0, gridFrom: Infinity })
    const sent: { at: number; now: number }[] = []
    const send = async (events: IngestEvent[]) => {
      for (const e of events) sent.push({ at: Date.parse(e.at), now: time.clock() })
    }
    const outage = { from: T0 + 10 * MINUTE_MS, to: T0 + 30 * MINUTE_MS }
    await play({ sim, send, clock: time.clock, sleep: time.sleep, stopAt: T0 + HOUR_MS, outage })
    expect(sent.some((s) => s.now > outage.from && s.now < outage.to)).toBe(false)
    const late = sent.filter((s) => s.at > outage.from && s.at < outage.to)
    expect(late.length).toBeGreaterThan(10)
    expect(late.every((s) => s.now >= outage.to)).toBe(true)
  })

  it('reports progress only for acknowledged batches, so a failure leaves a safe resume point', async () => {
    const time = fakeTime(T0)
    const sim = createSimulator({ tree: anshan, seed: 3, from: T0 - DAY_MS, gridFrom: Infinity })
    const acked: IngestEvent[] = []
    let calls = 0
    let cursor = T0 - DAY_MS
    const send = async (events: IngestEvent[]) => {
      if (++calls === 3) throw new Error('server gone')
      acked.push(...events)
    }
    await expect(
      play({ sim, send, clock: time.clock, sleep: time.sleep, stopAt: T0, batchSize: 100, concurrency: 1, onProgress: (p) => (cursor = p.cursor) }),
    ).rejects.toThrow('server gone')
    const resumed = createSimulator({ tree: anshan, seed: 3, from: T0 - DAY_MS, resumeAt: cursor, gridFrom: Infinity })
    const rest = resumed.take(T0)
    const ids = new Set([...acked, ...rest].map((e) => e.id))
    const all = createSimulator({ tree: anshan, seed: 3, from: T0 - DAY_MS, gridFrom: Infinity }).take(T0)
    expect(ids.size).toBe(all.length)
  })
})
