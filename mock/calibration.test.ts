/**
 * The simulated 鞍山市 has the seed's shape, measured by the server's own aggregator on the
 * simulator's injected clock (no wall time): the bands are those stated in mock/README.md.
 */
import { describe, expect, it } from 'vitest'
import { DAY_MS, dayIndex, HOUR_MS, hourOfDay, shanghaiMs } from '../shared/time-windows.ts'
import { Aggregator } from '../server/engine/aggregator.ts'
import { buildSnapshot } from '../server/engine/snapshot.ts'
import type { IngestEvent } from '../shared/events.ts'
import { createSimulator } from './simulator.ts'
import { anshan } from './test-fixtures.ts'
import { atWork } from './work-hours.ts'
import { coldSnapsOf, holidayOf } from './holidays.ts'

/** Plays the simulator into an aggregator hour by hour up to `until`; returns the aggregator. */
function play(from: number, until: number, onEvents?: (events: IngestEvent[]) => void): Aggregator {
  const agg = new Aggregator({ tree: anshan })
  const sim = createSimulator({ tree: anshan, seed: 8890, from, gridFrom: Infinity })
  for (let t = from + HOUR_MS; t <= until + HOUR_MS; t += HOUR_MS) {
    const to = Math.min(t, until)
    const events = sim.take(to)
    onEvents?.(events)
    agg.apply(events, to)
    agg.tick(to)
    if (to === until) break
  }
  return agg
}

// Tuesday 27 October 2026, 09:43: a late-October weekday, as in the seed's screenshot.
const AT = shanghaiMs(2026, 10, 27, 9, 43)

describe('a late-October weekday at 09:43', { timeout: 300_000 }, () => {
  const late: number[] = []
  const agg = play(shanghaiMs(2026, 8, 20), AT, (events) => {
    for (const e of events) if (e.type === 'request.completed' && Date.parse(e.at) >= AT - 14 * DAY_MS) late.push(Date.parse(e.at))
  })
  const snap = buildSnapshot(agg, anshan.indexOf('2103'), AT, dayIndex(AT))

  it('has 今日受理 ≈ 527 and 今日办件 ≈ 307 (±20%)', () => {
    const today = snap.windows.today
    expect(today.accepted).toBeGreaterThan(527 * 0.8)
    expect(today.accepted).toBeLessThan(527 * 1.2)
    expect(today.completed).toBeGreaterThan(307 * 0.8)
    expect(today.completed).toBeLessThan(307 * 1.2)
  })

  it('keeps overdue a small share of open (band 5–15%)', () => {
    expect(snap.open).toBeGreaterThan(1000)
    const share = snap.overdue / snap.open
    expect(share).toBeGreaterThan(0.05)
    expect(share).toBeLessThan(0.15)
  })

  it('completes in office hours: under 20% of completions outside them (direct answers and urgent crews)', () => {
    const outside = late.filter((t) => !atWork(t)).length
    expect(outside / late.length).toBeLessThan(0.2)
    const night = late.filter((t) => hourOfDay(t) < 6).length
    expect(night / late.length).toBeLessThan(0.03)
  })
})

describe('the year', { timeout: 300_000 }, () => {
  it('has ≈ 98% of the requests created since 1 January 办结 (band 97.5–98.5%), ~1.4% closed without it', () => {
    const sim = createSimulator({ tree: anshan, seed: 8890, from: shanghaiMs(2026, 1, 1), gridFrom: Infinity })
    // Each request's state now, from its events in time order (办结率 as docs/kpis.md defines it).
    const state = new Map<string, 'open' | 'resolved' | 'closed'>()
    const invalid = new Set<string>()
    const outcomes = new Map<string, number>()
    for (let t = shanghaiMs(2026, 1, 1) + 7 * DAY_MS; t <= AT; t = Math.min(AT, t + 7 * DAY_MS)) {
      for (const e of sim.take(t)) {
        if (e.type === 'request.created') state.set(e.requestId, 'open')
        else if (e.type === 'request.completed' && state.get(e.requestId) === 'open') {
          state.set(e.requestId, e.outcome && e.outcome !== 'resolved' ? 'closed' : 'resolved')
          if (e.outcome) outcomes.set(e.outcome, (outcomes.get(e.outcome) ?? 0) + 1)
        } else if (e.type === 'request.reopened') state.set(e.requestId, 'open')
        else if (e.type === 'request.invalidated') invalid.add(e.requestId)
      }
      if (t === AT) break
    }
    for (const id of invalid) state.delete(id)
    const count = (s: string) => [...state.values()].filter((v) => v === s).length
    const valid = state.size
    const rate = count('resolved') / valid
    expect(rate).toBeGreaterThan(0.975)
    expect(rate).toBeLessThan(0.985)
    expect(count('closed') / valid).toBeGreaterThan(0.01)
    expect(count('closed') / valid).toBeLessThan(0.02)
    // Each kind of close without 办结 is there.
    expect([...outcomes.keys()].sort()).toEqual(['rejected', 'unresolvable', 'withdrawn'])
  })
})

describe('holidays and weather', { timeout: 120_000 }, () => {
  const createdPerDay = (from: number, days: number, category?: string): number[] => {
    const sim = createSimulator({ tree: anshan, seed: 8890, from, gridFrom: Infinity })
    const out = new Array(days).fill(0)
    for (const e of sim.take(from + days * DAY_MS)) {
      if (e.type !== 'request.created' || (category && e.category !== category)) continue
      const d = Math.floor((Date.parse(e.at) - from) / DAY_MS)
      if (d < days) out[d]++
    }
    return out
  }

  it('is quieter on 国庆 and 春节 than on the weekdays around them', () => {
    expect(holidayOf(shanghaiMs(2026, 10, 3))).toBe('国庆')
    expect(holidayOf(shanghaiMs(2026, 2, 17))).toBe('春节')
    const oct = createdPerDay(shanghaiMs(2026, 9, 28), 14) // Mon 28 Sep … Sun 11 Oct
    const holiday = oct.slice(3, 10).reduce((a, b) => a + b) / 7
    const weekdays = (oct[0] + oct[1] + oct[2] + oct[10] + oct[11]) / 5
    expect(holiday / weekdays).toBeLessThan(0.75)
    const feb = createdPerDay(shanghaiMs(2026, 2, 9), 14) // Mon 9 Feb … 22 Feb (春节 from the 15th)
    expect(feb.slice(6, 13).reduce((a, b) => a + b) / 7 / ((feb[0] + feb[1] + feb[2] + feb[3]) / 4)).toBeLessThan(0.6)
  })

  it('brings 供暖 and 供水 surges with a cold snap (over 1.8× the same weekdays a week before)', () => {
    const [snap] = coldSnapsOf(8890, 2026, 11)
    const from = snap.from - 7 * DAY_MS
    const heat = createdPerDay(from, 7 + snap.days, '供暖')
    const water = createdPerDay(from, 7 + snap.days, '供水')
    // Against the same weekdays a week before.
    const before = (a: number[]) => a.slice(0, snap.days).reduce((x, y) => x + y)
    const during = (a: number[]) => a.slice(7).reduce((x, y) => x + y)
    expect(during(heat) / before(heat)).toBeGreaterThan(1.8)
    expect(during(water) / before(water)).toBeGreaterThan(1.8)
  })
})
