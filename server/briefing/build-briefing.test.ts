import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dateToDay } from '../../shared/time-windows.ts'
import { Aggregator } from '../engine/aggregator.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { buildBriefing, rank } from './build-briefing.ts'
import { OverdueIndex } from './overdue-index.ts'

// 解放社区 (铁东区) and a community of 铁西区.
const A = '210302002001'
const B = '210303002001'
const D = '2026-11-21'
const NOW = Date.parse('2026-11-22T10:00:00+08:00')

let tree: RegionTree
beforeAll(() => {
  tree = loadRegionPack('2103')
})

let seq = 0
const t = (iso: string) => `${iso}+08:00`
const created = (requestId: string, when: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({ id: `e${++seq}`, type: 'request.created', at: t(when), requestId, region: A, category: '供暖', channel: 'hotline', urgency: 'normal', ...extra }) as IngestEvent
const life = (type: string, requestId: string, when: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({ id: `e${++seq}`, type, at: t(when), requestId, ...extra }) as IngestEvent

/** Eight requests around 2026-11-21, figures worked out by hand in the comments. */
function fixture(): IngestEvent[] {
  return [
    // r1: dispatched, signed in 20 min, completed on time, visited satisfied — all on D.
    created('r1', '2026-11-21T09:00:00'),
    life('request.dispatched', 'r1', '2026-11-21T09:10:00', { department: '热力公司' }),
    life('request.signed', 'r1', '2026-11-21T09:30:00'),
    life('request.completed', 'r1', '2026-11-21T15:00:00'),
    life('request.visited', 'r1', '2026-11-21T16:00:00', { satisfaction: 'satisfied' }),
    // r2: urgent, open at the end of D, deadline D+1 10:00 (not overdue then).
    created('r2', '2026-11-21T10:00:00', { urgency: 'urgent', channel: 'app' }),
    // r3: created D-10, deadline D-3 08:00, open through D (88 h overdue at its end), completed D+1.
    created('r3', '2026-11-11T08:00:00', { region: B, category: '供水', deadline: t('2026-11-18T08:00:00') }),
    life('request.dispatched', 'r3', '2026-11-11T09:00:00', { department: '供水集团' }),
    life('request.completed', 'r3', '2026-11-22T08:00:00'),
    // r4: answered on the call (direct answer), visited dissatisfied.
    created('r4', '2026-11-21T11:00:00', { region: B, category: '其他' }),
    life('request.completed', 'r4', '2026-11-21T11:05:00'),
    life('request.visited', 'r4', '2026-11-21T12:00:00', { satisfaction: 'dissatisfied' }),
    // r5: created D-1, completed on D.
    created('r5', '2026-11-20T14:00:00'),
    life('request.completed', 'r5', '2026-11-21T09:00:00'),
    // r6: invalidated: counts nowhere.
    created('r6', '2026-11-21T12:00:00'),
    life('request.invalidated', 'r6', '2026-11-21T13:00:00'),
    // r7: urgent, created D-8 10:00 (deadline D-7 10:00), completed late on D-2.
    created('r7', '2026-11-13T10:00:00', { region: B, urgency: 'urgent' }),
    life('request.completed', 'r7', '2026-11-19T10:00:00'),
    // r8: dispatched D 20:00, not signed: its 4 h limit passed at D+1 00:00.
    created('r8', '2026-11-21T19:00:00', { region: B, category: '燃气' }),
    life('request.dispatched', 'r8', '2026-11-21T20:00:00', { department: '燃气公司' }),
  ]
}

function setup(events = fixture()) {
  const agg = new Aggregator({ tree })
  agg.apply(events, NOW)
  agg.tick(NOW)
  const overdue = new OverdueIndex(agg)
  const brief = (code: string, date: string) => buildBriefing(agg, tree.indexOf(code), dateToDay(date), NOW, { overdue })
  return { agg, overdue, brief }
}

describe('buildBriefing (hand-computed fixture)', () => {
  it('gives the day figures of the city', () => {
    const b = setup().brief('2103', D)
    expect(b.date).toBe(D)
    expect(b.weekday).toBe(6)
    expect(b.scopeName).toBe('全市')
    expect(b.day).toEqual({
      accepted: 4, // r1 r2 r4 r8
      completed: 3, // r1 r4 r5
      completionRate: 0.5, // r1 r4 of r1 r2 r4 r8
      closedUnresolved: 0,
      onTimeRate: 1,
      satisfactionRate: 0.5, // r1 yes, r4 no
      directAnswerRate: 0.25, // r4
      timelySignRate: 0.5, // r1 timely, r8 due and late
      open: 3, // r2 r3 r8
      overdue: 1, // r3
      // The sample of each rate: accepted, completions, visits, accepted, dispatches due.
      n: { completionRate: 4, onTimeRate: 3, satisfactionRate: 2, directAnswerRate: 4, timelySignRate: 2 },
    })
  })

  it('compares with the day before and the same weekday a week earlier', () => {
    const b = setup().brief('2103', D)
    expect(b.prevDay.date).toBe('2026-11-20')
    expect(b.prevDay.figures).toMatchObject({ accepted: 1, completed: 0, open: 2, overdue: 1 })
    expect(b.lastWeek.date).toBe('2026-11-14')
    // r3 open (deadline not yet), r7 open and past its deadline of 11-14 10:00.
    expect(b.lastWeek.figures).toMatchObject({ accepted: 0, open: 2, overdue: 1 })
  })

  it('lists the requests overdue at the end of the day, with hours overdue and department', () => {
    const { brief } = setup()
    const b = brief('2103', D)
    expect(b.overdue.total).toBe(1)
    expect(b.overdue.items).toEqual([
      expect.objectContaining({ requestId: 'r3', region: B, category: '供水', department: '供水集团', hoursOverdue: 88, urgent: false }),
    ])
    expect(brief('2103', '2026-11-14').overdue.items.map((i) => i.requestId)).toEqual(['r7'])
    expect(brief('2103', '2026-11-18').overdue.items.map((i) => i.requestId)).toEqual(['r7', 'r3'])
    // 铁东区 holds neither r3 nor r7.
    expect(brief('210302', D).overdue.total).toBe(0)
  })

  it('picks up a late event after the index was built', () => {
    const { agg, brief } = setup()
    expect(brief('2103', D).overdue.total).toBe(1)
    agg.apply([created('r9', '2026-11-01T08:00:00', { region: B, category: '教育' })], NOW)
    agg.tick(NOW)
    const b = brief('2103', D)
    expect(b.day.overdue).toBe(2)
    // The most recently overdue first: r3's deadline passed after r9's (created 1 November).
    expect(b.overdue.items.map((i) => i.requestId)).toEqual(['r3', 'r9'])
    expect(b.overdue.byAge.day + b.overdue.byAge.week + b.overdue.byAge.older).toBe(2)
    expect(b.overdue.byAge.older).toBe(1) // r9: due 8 November, overdue two weeks at the day's end
  })

  it('ranks categories, children and hot communities', () => {
    const b = setup().brief('2103', D)
    expect(b.categories.map((c) => [c.category, c.accepted, c.share, c.prevDay])).toEqual([
      ['供暖', 2, 0.5, 1],
      ['燃气', 1, 0.25, 0],
      ['其他', 1, 0.25, 0],
    ])
    expect(b.children.find((c) => c.code === '210302')).toMatchObject({ accepted: 2, completed: 2, completionRate: 0.5, overdue: 0 })
    expect(b.children.find((c) => c.code === '210303')).toMatchObject({ accepted: 2, completed: 1, completionRate: 0.5, overdue: 1 })
    // Two requests a district: 样本不足, nobody is ranked on them.
    for (const r of b.rankings) expect(r.ranked).toBe(0)
    const kid = (code: string, day: number | null, mature: number | null, n: number, matureN: number) => ({
      ...b.children[0], code, completionRate: day, matureCompletionRate: mature, n: { ...b.children[0].n, completionRate: n }, matureN,
    })
    // 办结率 is ranked on the mature window, whatever yesterday's young cohort says; small samples are left out.
    const ranked = rank([kid('a', 0.2, 0.99, 300, 2000), kid('b', 0.9, 0.95, 300, 2000), kid('c', 1, 1, 3, 20)], 'completionRate')
    expect(ranked.best.map((c) => c.code)).toEqual(['a'])
    expect(ranked.worst.map((c) => c.code)).toEqual(['b'])
    expect(ranked.ranked).toBe(2)
    expect(b.hotCommunities.map((h) => [h.code, h.accepted, h.child])).toEqual([
      [A, 2, '210302'],
      [B, 2, '210303'],
    ])
  })

  it('gives the trend and the month against the month before', () => {
    const b = setup().brief('2103', D)
    expect(b.trend.dates).toHaveLength(30)
    expect(b.trend.dates.at(-1)).toBe(D)
    expect(b.trend.accepted.at(-1)).toBe(4)
    expect(b.trend.accepted.at(-2)).toBe(1)
    // November 1–21: r3 r7 r5 r1 r2 r4 r8.
    expect(b.month.current).toMatchObject({ from: '2026-11-01', to: D, accepted: 7 })
    expect(b.month.previous).toMatchObject({ from: '2026-10-01', to: '2026-10-21', accepted: 0 })
  })

  it('works for a community and its grids', () => {
    const b = setup().brief(A, D)
    expect(b.scopeName).toBe(tree.get(A)!.name)
    expect(b.day).toMatchObject({ accepted: 2, completed: 2, open: 1, overdue: 0 })
    expect(b.grid.total.grids).toBe(tree.gridCounts[tree.indexOf(A)])
    expect(b.hotCommunities.map((h) => h.code)).toEqual([A])
  })

  it('counts patrols and grid coverage by child', () => {
    const grid = `${A}001`
    const { brief } = setup([
      ...fixture(),
      { id: 'p1', type: 'grid.patrol', at: t('2026-11-21T09:00:00'), grid, worker: 'w1' } as IngestEvent,
      { id: 'p2', type: 'grid.patrol', at: t('2026-11-21T11:00:00'), grid, worker: 'w1' } as IngestEvent,
      created('g1', '2026-11-21T11:30:00', { region: grid, channel: 'grid' }),
    ])
    const b = brief('210302', D)
    expect(b.grid.total).toMatchObject({ patrols: 2, patrolledGrids: 1, gridFound: 1 })
    expect(b.grid.total.patrolCoverage).toBeCloseTo(1 / tree.gridCounts[tree.indexOf('210302')])
  })
})
