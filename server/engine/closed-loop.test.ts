import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex, HOUR_MS } from '../../shared/time-windows.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { departmentRanking } from './closed-loop-figures.ts'
import { COMMUNITY, DISTRICT, handDay, HAND, NOW, OTHER_DISTRICT, STREET } from './closed-loop.testkit.ts'
import { Engine } from './engine.ts'

let tree: RegionTree
beforeAll(() => {
  tree = loadRegionPack('2103')
})

const now = Date.parse(NOW)

function engineWith(batches: IngestEvent[][], opts: { cap?: number } = {}) {
  const clock = { now }
  const engine = new Engine({ tree, clock: () => clock.now, departmentsPerRegion: opts.cap })
  engine.replayed()
  for (const b of batches) engine.applyCommitted(b)
  engine.tick()
  return { engine, clock }
}

const ranking = (e: Engine, code: string, w: 'today' | 'yesterday' | '7d' | 'month' | 'ytd') => departmentRanking(e.agg, e.loop, tree.indexOf(code), w, dayIndex(now))

describe('department figures (承办单位)', () => {
  it('equal the hand-computed figures, a request returned by one department and completed by another included', () => {
    const { engine } = engineWith([handDay()])
    expect(ranking(engine, DISTRICT, 'today').rows).toEqual(HAND.today)
    expect(ranking(engine, DISTRICT, 'yesterday').rows).toEqual(HAND.yesterday)
    // The city holds the same departments; another district none of them.
    expect(ranking(engine, '2103', 'today').rows).toEqual(HAND.today)
    expect(ranking(engine, OTHER_DISTRICT, 'today').rows).toEqual([])
    // Seven days and the month sum the two days: 区住建局 2 dispatches, 1 returned.
    const week = ranking(engine, DISTRICT, '7d').rows.find((r) => r.name === '区住建局')!
    expect(week).toMatchObject({ dispatched: 2, returned: 1, returnRate: { value: 0.5, n: 2 }, open: 1, overdue: 1 })
    expect(ranking(engine, DISTRICT, 'month').rows).toEqual(ranking(engine, DISTRICT, '7d').rows)
    expect(ranking(engine, DISTRICT, 'ytd').rows).toEqual(ranking(engine, DISTRICT, '7d').rows)
  })

  it('are the same whatever the order of arrival, in batches or one by one', () => {
    const events = handDay()
    const reversed = engineWith([events.slice().reverse()]).engine
    const oneByOne = engineWith(events.slice().reverse().map((e) => [e])).engine
    const split = engineWith([events.slice(9), events.slice(0, 9)]).engine
    for (const e of [reversed, oneByOne, split]) {
      expect(ranking(e, DISTRICT, 'today').rows).toEqual(HAND.today)
      expect(ranking(e, DISTRICT, 'yesterday').rows).toEqual(HAND.yesterday)
      expect(e.snapshot(0).closedLoop!.stages).toEqual(HAND.stagesCity)
    }
  })

  it('show a community or grid its street’s departments, and a street its own', () => {
    const { engine } = engineWith([handDay()])
    const r = ranking(engine, COMMUNITY, 'today')
    expect(r.scope).toBe(STREET)
    expect(r.rows).toEqual(HAND.today)
    expect(ranking(engine, STREET, 'today').scope).toBe(STREET)
  })

  it('count departments past the cap as 其他, and count the cap hits', () => {
    const { engine } = engineWith([handDay()], { cap: 2 })
    // Two departments kept, the third (鞍山燃气集团, first seen today) counted as 其他.
    const names = ranking(engine, DISTRICT, 'today').rows.map((r) => r.name).sort()
    expect(names).toEqual(['其他', '区住建局', '市供热办'].sort())
    expect(ranking(engine, DISTRICT, 'today').rows.find((r) => r.name === '其他')).toMatchObject({ dispatched: 1, reopened: 1, open: 1 })
    expect(engine.loop.departments.capHits).toBeGreaterThan(0)
    const all = ranking(engine, DISTRICT, '7d').rows
    expect(all.reduce((n, r) => n + r.dispatched, 0)).toBe(5)
  })
})

describe('stage board and flow', () => {
  it('equal the hand-counted stages and the day’s flow', () => {
    const { engine } = engineWith([handDay()])
    const loop = engine.snapshot(0).closedLoop!
    expect(loop.stages).toEqual(HAND.stagesCity)
    expect(loop.flow).toEqual(HAND.flowCity)
    const district = engine.snapshot(tree.indexOf(DISTRICT)).closedLoop!
    expect(district.stages.awaitingDispatch.lt24h).toBe(0)
    // Open requests on the board (all stages but 待回访) are the open count.
    const open = Object.entries(loop.stages).filter(([s]) => s !== 'awaitingVisit').reduce((n, [, b]) => n + b.lt1h + b.lt24h + b.lt3d + b.older, 0)
    expect(open).toBe(engine.snapshot(0).open)
  })

  it('moves requests across age bands as time passes, with no event arriving', () => {
    const { engine, clock } = engineWith([handDay()])
    clock.now = now + 2 * 24 * HOUR_MS
    engine.tick()
    const s = engine.snapshot(0).closedLoop!.stages
    // R2 handling since 11-20 19:00: now 2 d 17 h → < 3 d; R3, R5 since 09:xx 11-21 → < 3 d; R4 reopened 11:50 → < 3 d.
    expect(s.handling).toEqual({ lt1h: 0, lt24h: 0, lt3d: 1, older: 0 })
    expect(s.awaitingSign).toEqual({ lt1h: 0, lt24h: 0, lt3d: 1, older: 0 })
    expect(s.reopened).toEqual({ lt1h: 0, lt24h: 0, lt3d: 1, older: 0 })
    clock.now = now + 4 * 24 * HOUR_MS
    engine.tick()
    expect(engine.snapshot(0).closedLoop!.stages.handling.older).toBe(1)
  })

  it('shows a completed request waiting for its visit, for the visit window', () => {
    const { engine, clock } = engineWith([handDay()])
    engine.applyCommitted([{ id: 'x1', type: 'request.completed', at: '2026-11-21T11:30:00+08:00', requestId: 'R2' }])
    engine.tick()
    expect(engine.snapshot(0).closedLoop!.stages.awaitingVisit.lt1h).toBe(1)
    clock.now = now + 3 * 24 * HOUR_MS
    engine.tick()
    expect(engine.snapshot(0).closedLoop!.stages.awaitingVisit).toEqual({ lt1h: 0, lt24h: 0, lt3d: 0, older: 0 })
  })
})

describe('hot words', () => {
  it('rank the words of the summaries, mark rising ones, and are kept down to districts', () => {
    const burst = [10, 11, 11, 11].map((h, i): IngestEvent => ({
      id: `burst${i}`, type: 'request.created', at: `2026-11-21T${h}:0${i}:00+08:00`, requestId: `B${i}`, region: COMMUNITY,
      category: '供水', channel: 'app', urgency: 'normal', summary: `解放路水管爆裂漏水，电话1391234567${i}`,
    }))
    const { engine } = engineWith([handDay(), burst])
    const words = engine.snapshot(tree.indexOf(DISTRICT)).closedLoop!.hotWords!
    const day = new Map(words.day.map((w) => [w.word, w]))
    // The last 24 h (hours from 11-20 11:00): 4 × 水管爆裂, and 暖气不热 twice (R2 at 14:00, R3); R1 (09:00) is older.
    expect(day.get('水管爆裂')).toMatchObject({ count: 4, rising: true })
    // 水管 and 爆裂 say no more than 水管爆裂: left out; no phone number survives.
    expect(day.has('水管')).toBe(false)
    expect(words.day.some((w) => /\d/.test(w.word))).toBe(false)
    expect(day.get('暖气不热')).toMatchObject({ count: 2, rising: false })
    expect(words.week.find((w) => w.word === '暖气不热')).toMatchObject({ count: 3 })
    expect(engine.snapshot(tree.indexOf(STREET)).closedLoop!.hotWords).toBeNull()
  })
})
