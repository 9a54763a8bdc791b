import { TypeCompiler } from '@sinclair/typebox/compiler'
import { describe, expect, it } from 'vitest'
import { CATEGORIES } from '../shared/categories.ts'
import { EventSchemas, type EventType, type IngestEvent } from '../shared/events.ts'
import { checkEvent } from '../server/ingest/validate-events.ts'
import { DAY_MS, hourOfDay, shanghaiMs, weekdayOf } from '../shared/time-windows.ts'
import { createSimulator } from './simulator.ts'
import { anshan, byRequest, runDays } from './test-fixtures.ts'

const JAN = shanghaiMs(2026, 1, 12) // a Monday in the heating season
const JUL = shanghaiMs(2026, 7, 13) // a Monday in summer
const week = runDays(JAN, 7, { gridFrom: Infinity }, 60)
const weekCreated = week.filter((e) => e.type === 'request.created' && Date.parse(e.at) < JAN + 7 * DAY_MS)
const weekIds = new Set(weekCreated.map((e) => (e as { requestId: string }).requestId))
const lives = [...byRequest(week)].filter(([id]) => weekIds.has(id)).map(([, list]) => list)

const share = (n: number, d: number) => n / d
const count = (list: IngestEvent[], type: EventType) => list.filter((e) => e.type === type).length

describe('determinism', { timeout: 120_000 }, () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = runDays(JAN, 1)
    const b = runDays(JAN, 1)
    const c = runDays(JAN, 1, { seed: 8 })
    expect(a.length).toBeGreaterThan(1000)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a))
  })

  it('gives the same events whatever the batch sizes', () => {
    const sim = createSimulator({ tree: anshan, seed: 7, from: JAN })
    const pieces: IngestEvent[] = []
    for (let t = JAN + 7_777_777; pieces.length < 20_000; t += 3_333_333) pieces.push(...sim.take(t, 997))
    const whole = runDays(JAN, 3).slice(0, pieces.length)
    expect(pieces.map((e) => e.id)).toEqual(whole.map((e) => e.id))
  })

  it('resumes from a cursor without gaps or doubles', () => {
    const first = createSimulator({ tree: anshan, seed: 7, from: JAN })
    const sent: IngestEvent[] = []
    while (sent.length < 30_000) sent.push(...first.take(JAN + 10 * DAY_MS, 1000))
    const resumed = createSimulator({ tree: anshan, seed: 7, from: JAN, resumeAt: first.cursor })
    const all = new Map<string, string>()
    for (const e of [...sent, ...resumed.take(JAN + 10 * DAY_MS)]) {
      const json = JSON.stringify(e)
      if (all.has(e.id)) expect(json).toBe(all.get(e.id)) // a resent id carries the very same event
      all.set(e.id, json)
    }
    const straight = runDays(JAN, 10)
    expect([...all.keys()].sort()).toEqual(straight.map((e) => e.id).sort())
  })
})

describe('every event', { timeout: 120_000 }, () => {
  const checkers = new Map(Object.entries(EventSchemas).map(([k, s]) => [k, TypeCompiler.Compile(s)]))

  it('passes the contract schema and the server validation, with unique ids', () => {
    const summer = runDays(JUL, 2, { gridFrom: JUL })
    const ids = new Set<string>()
    const bad: unknown[] = []
    for (const e of [...week, ...summer]) {
      if (!checkers.get(e.type)!.Check(e)) bad.push(e)
      const r = checkEvent(e, Date.parse(e.at), anshan)
      if (!r.ok) bad.push(r)
      ids.add(e.id)
    }
    expect(bad.slice(0, 3)).toEqual([])
    expect(ids.size).toBe(week.length + summer.length)
    expect(new Set([...week, ...summer].map((e) => e.type)).size).toBe(12)
  })

  it('comes in time order', () => {
    const times = week.map((e) => Date.parse(e.at))
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true)
  })
})

describe('lifecycle', { timeout: 120_000 }, () => {
  it('follows a valid order for every request', () => {
    for (const list of lives) {
      expect(list[0].type).toBe('request.created')
      let state = 'created'
      for (const e of list.slice(1)) {
        const from = state
        switch (e.type) {
          case 'request.dispatched': expect(['created', 'returned']).toContain(from); state = 'dispatched'; break
          case 'request.returned': expect(from).toBe('dispatched'); state = 'returned'; break
          case 'request.signed': expect(from).toBe('dispatched'); state = 'signed'; break
          case 'request.supervised': expect(from).toBe('signed'); break
          case 'request.completed': expect(['created', 'signed', 'reopened']).toContain(from); state = 'completed'; break
          case 'request.visited': expect(from).toBe('completed'); state = 'visited'; break
          case 'request.reopened': expect(from).toBe('visited'); state = 'reopened'; break
          case 'request.invalidated': expect(from).toBe('created'); state = 'invalid'; break
          default: throw new Error(`unexpected ${e.type}`)
        }
      }
    }
  })
})

describe('a simulated week of 鞍山市 falls in the bands of the brief', { timeout: 120_000 }, () => {
  const valid = lives.filter((l) => !l.some((e) => e.type === 'request.invalidated'))

  it('has about 2,000 valid requests a day, weekdays busier than the weekend', () => {
    // January volume is 1.15×; 12 January 2026 has no holiday in its week.
    expect(valid.length / 7).toBeGreaterThan(2000 * 1.15 * 0.9)
    expect(valid.length / 7).toBeLessThan(2000 * 1.15 * 1.1)
    const perDay = new Map<number, number>()
    for (const e of weekCreated) perDay.set(weekdayOf(Date.parse(e.at)), (perDay.get(weekdayOf(Date.parse(e.at))) ?? 0) + 1)
    expect(perDay.get(3)!).toBeGreaterThan(perDay.get(0)! * 1.2)
  })

  it('peaks 09–11 and 14–16 and is quiet at night', () => {
    const hours = new Array(24).fill(0)
    for (const e of weekCreated) hours[hourOfDay(Date.parse(e.at))]++
    const peak = hours[9] + hours[10] + hours[14] + hours[15]
    const night = hours[1] + hours[2] + hours[3] + hours[4]
    expect(peak).toBeGreaterThan(night * 15)
  })

  it('is dominated by heating in January and by water and greening in July', () => {
    const shares = (events: IngestEvent[]) => {
      const c = Object.fromEntries(CATEGORIES.map((k) => [k, 0])) as Record<string, number>
      const created = events.filter((e) => e.type === 'request.created')
      for (const e of created) c[(e as { category: string }).category]++
      return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v / created.length]))
    }
    const jan = shares(weekCreated)
    expect(Math.max(...Object.values(jan))).toBe(jan['供暖'])
    expect(jan['供暖']).toBeGreaterThan(0.25)
    const jul = shares(runDays(JUL, 7))
    expect(jul['供暖']).toBeLessThan(0.01)
    expect(jul['供水']).toBeGreaterThan(jan['供水'] * 1.3)
    expect(jul['园林绿化']).toBeGreaterThan(jan['园林绿化'] * 2)
  })

  it('comes mostly by hotline, then app, photo, grid, WeChat, web', () => {
    const c: Record<string, number> = {}
    for (const e of weekCreated) c[(e as { channel: string }).channel] = (c[(e as { channel: string }).channel] ?? 0) + 1
    expect(share(c.hotline, weekCreated.length)).toBeGreaterThan(0.5)
    expect(c.hotline).toBeGreaterThan(c.app)
    expect(c.app).toBeGreaterThan(c.photo)
    expect(c.photo).toBeGreaterThan(c.web)
    expect(c.grid).toBeGreaterThan(c.web)
  })

  it('answers 20–30% on the call, completes ~98% within 14 days and all within 60, ~95% on time, ~95–97% satisfied or basic', () => {
    const direct = valid.filter((l) => l[1]?.type === 'request.completed').length
    expect(share(direct, valid.length)).toBeGreaterThan(0.2)
    expect(share(direct, valid.length)).toBeLessThan(0.3)
    const within = (l: IngestEvent[], days: number) => l.some((e) => e.type === 'request.completed' && Date.parse(e.at) - Date.parse(l[0].at) < days * DAY_MS)
    const completed = valid.filter((l) => within(l, 14)).length
    expect(share(completed, valid.length)).toBeGreaterThan(0.97)
    expect(share(completed, valid.length)).toBeLessThan(0.995)
    expect(valid.filter((l) => within(l, 60)).length).toBe(valid.length)
    let onTime = 0
    let completions = 0
    let good = 0
    let visits = 0
    for (const l of valid) {
      const deadline = Date.parse((l[0] as { deadline: string }).deadline)
      for (const e of l) {
        if (e.type === 'request.completed') {
          completions++
          if (Date.parse(e.at) <= deadline) onTime++
        }
        if (e.type === 'request.visited') {
          visits++
          if (e.satisfaction !== 'dissatisfied') good++
        }
      }
    }
    expect(share(onTime, completions)).toBeGreaterThan(0.92)
    expect(share(onTime, completions)).toBeLessThan(0.98)
    expect(share(good, visits)).toBeGreaterThan(0.94)
    expect(share(good, visits)).toBeLessThan(0.975)
  })

  it('returns, reopens, supervises and invalidates a few percent', () => {
    const all = lives.flat()
    // 督办 events per request: most late requests once, hard cases (疑难) again each week they stay open.
    const most = { 'request.returned': 0.06, 'request.reopened': 0.06, 'request.supervised': 0.1, 'request.invalidated': 0.06 } as const
    for (const type of Object.keys(most) as (keyof typeof most)[]) {
      const s = share(count(all, type), lives.length)
      expect(s, type).toBeGreaterThan(0.005)
      expect(s, type).toBeLessThan(most[type])
    }
  })

  it('gives urgent requests 24-hour deadlines and some summaries a phone number', () => {
    const urgent = weekCreated.filter((e) => (e as { urgency: string }).urgency === 'urgent')
    expect(share(urgent.length, weekCreated.length)).toBeGreaterThan(0.03)
    for (const e of urgent.slice(0, 50)) {
      const c = e as { at: string; deadline: string }
      expect(Date.parse(c.deadline) - Date.parse(c.at)).toBe(DAY_MS)
    }
    const phones = weekCreated.filter((e) => /1\d{10}/.test((e as { summary?: string }).summary ?? ''))
    expect(share(phones.length, weekCreated.length)).toBeGreaterThan(0.05)
  })
})

describe('grid workers', { timeout: 120_000 }, () => {
  const events = runDays(JAN, 7).filter((e) => e.type.startsWith('grid.'))
  const grids = createSimulator({ tree: anshan, seed: 7, from: JAN }).city.grids.length

  it('work 08:00–17:30 on weekdays, fewer at weekends, patrolling their grids', () => {
    const onByDay = new Map<number, number>()
    const odd: IngestEvent[] = []
    const open = new Set<string>()
    for (const e of events) {
      const t = Date.parse(e.at)
      if (e.type === 'grid.duty_on') {
        if (hourOfDay(t) < 7 || hourOfDay(t) > 8 || open.has(e.worker)) odd.push(e)
        onByDay.set(weekdayOf(t), (onByDay.get(weekdayOf(t)) ?? 0) + 1)
        open.add(e.worker)
      }
      if (e.type === 'grid.patrol' && (!open.has(e.worker) || !e.worker.endsWith(e.grid))) odd.push(e)
      if (e.type === 'grid.duty_off') {
        if (hourOfDay(t) < 16 || hourOfDay(t) > 18 || !open.delete(e.worker)) odd.push(e)
      }
    }
    expect(odd.slice(0, 3)).toEqual([])
    expect(onByDay.get(1)! / grids).toBeGreaterThan(0.88)
    expect(onByDay.get(0)! / grids).toBeLessThan(0.5)
  })

  it('are simulated only from gridFrom on (the backfill budget)', () => {
    const late = runDays(JAN, 3, { gridFrom: JAN + 2 * DAY_MS })
    const first = late.find((e) => e.type.startsWith('grid.'))!
    expect(Date.parse(first.at)).toBeGreaterThanOrEqual(JAN + 2 * DAY_MS)
  })
})
