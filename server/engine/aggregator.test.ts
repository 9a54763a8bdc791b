import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { Aggregator } from './aggregator.ts'
import { buildSnapshot } from './snapshot.ts'
import { dayIndex } from '../../shared/time-windows.ts'

// 解放社区 (铁东区 · 解放街道) and its first grid; 山南街道's first community is elsewhere in 铁东区.
const COMMUNITY = '210302002001'
const GRID = '210302002001001'
const OTHER_DISTRICT = '210303'

let tree: RegionTree
beforeAll(() => {
  tree = loadRegionPack('2103')
})

let seq = 0
const at = (iso: string) => `${iso}+08:00`
const created = (requestId: string, when: string, extra: Partial<Record<string, unknown>> = {}): IngestEvent =>
  ({
    id: `e${++seq}`,
    type: 'request.created',
    at: at(when),
    requestId,
    region: GRID,
    category: '供暖',
    channel: 'hotline',
    urgency: 'normal',
    ...extra,
  }) as IngestEvent
const life = (type: string, requestId: string, when: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({ id: `e${++seq}`, type, at: at(when), requestId, ...extra }) as IngestEvent
const ms = (when: string) => Date.parse(at(when))

function snap(agg: Aggregator, code: string, now: number) {
  agg.tick(now)
  return buildSnapshot(agg, tree.indexOf(code), now, dayIndex(now))
}

/** A day of hand-checked events: 3 requests, one direct answer, one dispatched and done late, one invalidated. */
function day1(): IngestEvent[] {
  return [
    created('R1', '2026-11-20T09:00:00'),
    life('request.completed', 'R1', '2026-11-20T09:05:00'),
    created('R2', '2026-11-20T10:00:00', { urgency: 'urgent', category: '燃气', channel: 'app' }),
    life('request.dispatched', 'R2', '2026-11-20T10:10:00', { department: '燃气公司' }),
    life('request.signed', 'R2', '2026-11-20T10:40:00'),
    life('request.completed', 'R2', '2026-11-21T12:00:00'),
    life('request.visited', 'R2', '2026-11-21T13:00:00', { satisfaction: 'dissatisfied' }),
    created('R3', '2026-11-20T11:00:00', { category: '不存在的分类' }),
    life('request.invalidated', 'R3', '2026-11-20T11:30:00'),
    created('R4', '2026-11-20T15:00:00', { channel: 'grid' }),
    life('request.dispatched', 'R4', '2026-11-20T15:10:00', { department: '物业' }),
  ]
}

describe('Aggregator KPI math', () => {
  it('counts the hand-checked day', () => {
    const agg = new Aggregator({ tree })
    const now = ms('2026-11-21T14:00:00')
    agg.apply(day1(), now)
    const s = snap(agg, '2103', now)
    const y = s.windows.yesterday
    expect(y.accepted).toBe(3) // R1, R2, R4 (R3 invalidated)
    expect(y.completed).toBe(1) // R1 at 09:05 on the 20th
    expect(y.completionRate).toBeCloseTo(2 / 3) // R1 and R2 completed now
    expect(y.directAnswerRate).toBeCloseTo(1 / 3) // R1
    // R2 signed in 30 min; R4's 4 h limit passed unsigned at 19:10, so it counts as due too.
    expect(y.timelySignRate).toBe(0.5)
    expect(y.byCategory).toEqual({ 供暖: 2, 燃气: 1 })
    expect(y.byChannel).toEqual({ hotline: 1, app: 1, grid: 1 })
    const t = s.windows.today
    expect(t.accepted).toBe(0)
    expect(t.completed).toBe(1) // R2, urgent: deadline 24 h after 10:00 on the 20th → late
    expect(t.onTimeRate).toBe(0)
    expect(t.avgHandleHours).toBeCloseTo(26)
    expect(t.satisfactionRate).toBe(0)
    expect(s.open).toBe(1) // R4
    expect(s.overdue).toBe(0)
    expect(s.hourly.yesterday.accepted[9]).toBe(1)
    expect(s.hourly.yesterday.accepted[11]).toBe(0)
    expect(s.hourly.today.completed[12]).toBe(1)
    expect(s.grid.gridFound).toBe(0)
    expect(s.windows.ytd.accepted).toBe(3)
    expect(agg.unknownCategories.get('不存在的分类')).toBe(1)
  })

  it('counts timely sign-for over dispatches that were signed or passed their limit', () => {
    const agg = new Aggregator({ tree })
    agg.apply(day1(), ms('2026-11-20T16:00:00'))
    // At 16:00 R4's limit (19:10) has not passed: only R2 counts, signed in time.
    expect(snap(agg, '2103', ms('2026-11-20T16:00:00')).windows.today.timelySignRate).toBe(1)
    // At 20:00 it has: 1 timely of 2 due.
    expect(snap(agg, '2103', ms('2026-11-20T20:00:00')).windows.today.timelySignRate).toBe(0.5)
  })

  it('gives the same result out of order and with duplicates as in order', () => {
    const now = ms('2026-11-28T10:00:00')
    const inOrder = new Aggregator({ tree })
    inOrder.apply(day1(), now)
    const shuffled = new Aggregator({ tree })
    const events = day1().reverse()
    shuffled.apply(events.slice(0, 5), now)
    shuffled.apply(events.slice(5), now)
    const a = snap(inOrder, '2103', now)
    const b = snap(shuffled, '2103', now)
    expect(b.windows).toEqual(a.windows)
    expect(b.open).toBe(a.open)
    expect(b.overdue).toBe(a.overdue)
    expect(shuffled.pendingRequests).toBe(0)
  })

  it('makes a request overdue at its deadline with no event arriving', () => {
    const agg = new Aggregator({ tree })
    agg.apply([created('U1', '2026-11-20T08:00:00', { urgency: 'urgent' })], ms('2026-11-20T08:00:00'))
    const overdue: string[] = []
    agg.onOverdue = (r) => overdue.push(r.id)
    expect(snap(agg, COMMUNITY, ms('2026-11-21T07:59:00')).overdue).toBe(0)
    expect(snap(agg, COMMUNITY, ms('2026-11-21T08:00:01')).overdue).toBe(1)
    expect(overdue).toEqual(['U1'])
    expect(snap(agg, OTHER_DISTRICT, ms('2026-11-21T08:00:01')).overdue).toBe(0)
  })

  it('counts a reopened request again when completed again', () => {
    const agg = new Aggregator({ tree })
    const now = ms('2026-11-20T20:00:00')
    agg.apply(
      [
        created('P1', '2026-11-20T08:00:00'),
        life('request.completed', 'P1', '2026-11-20T09:00:00'),
        life('request.reopened', 'P1', '2026-11-20T10:00:00'),
      ],
      now,
    )
    let t = snap(agg, '2103', now).windows.today
    expect([t.completed, t.reopened, t.completionRate]).toEqual([1, 1, 0])
    expect(snap(agg, '2103', now).open).toBe(1)
    agg.apply([life('request.completed', 'P1', '2026-11-20T11:00:00')], now)
    t = snap(agg, '2103', now).windows.today
    expect([t.completed, t.completionRate]).toEqual([2, 1])
    expect(snap(agg, '2103', now).open).toBe(0)
  })

  it('keeps lifecycle events of an unknown request pending and never counts them', () => {
    const agg = new Aggregator({ tree, pendingTtlMs: 3_600_000 })
    const now = ms('2026-11-20T08:00:00')
    agg.apply([life('request.completed', 'GHOST', '2026-11-20T07:00:00')], now)
    expect(agg.pendingRequests).toBe(1)
    expect(snap(agg, '2103', now).windows.today.completed).toBe(0)
    expect(agg.expireOrphans(now + 2 * 3_600_000)).toBe(1)
    expect(agg.pendingRequests).toBe(0)
    expect(agg.orphansExpired).toBe(1)
  })

  for (const tz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
    it(`rolls days over at 00:00 Asia/Shanghai with TZ=${tz}`, () => {
      const prev = process.env.TZ
      process.env.TZ = tz
      try {
        const agg = new Aggregator({ tree })
        agg.apply(
          [created('N1', '2026-11-20T23:59:59'), created('N2', '2026-11-21T00:00:00'), created('N3', '2026-12-31T23:30:00')],
          ms('2026-11-21T00:00:30'),
        )
        const s = snap(agg, '2103', ms('2026-11-21T00:00:30'))
        expect(s.today).toBe('2026-11-21')
        expect(s.windows.today.accepted).toBe(1)
        expect(s.windows.yesterday.accepted).toBe(1)
        expect(s.hourly.yesterday.accepted[23]).toBe(1)
        expect(s.hourly.today.accepted[0]).toBe(1)
        const ny = snap(agg, '2103', ms('2027-01-01T00:10:00'))
        expect(ny.windows.ytd.accepted).toBe(0) // a new year begins at 00:00 +08:00
        expect(ny.windows.yesterday.accepted).toBe(1)
        expect(ny.windows.month.accepted).toBe(0)
      } finally {
        process.env.TZ = prev
      }
    })
  }

  it('counts grid duty, patrols and coverage', () => {
    const agg = new Aggregator({ tree })
    const g2 = '210302002001002'
    const now = ms('2026-11-20T12:00:00')
    agg.apply(
      [
        { id: 'g1', type: 'grid.duty_on', at: at('2026-11-20T08:00:00'), grid: GRID, worker: 'w1' },
        { id: 'g2', type: 'grid.duty_on', at: at('2026-11-20T08:00:00'), grid: g2, worker: 'w2' },
        { id: 'g3', type: 'grid.duty_off', at: at('2026-11-20T11:00:00'), grid: g2, worker: 'w2' },
        { id: 'g4', type: 'grid.patrol', at: at('2026-11-20T09:00:00'), grid: GRID, worker: 'w1' },
        { id: 'g5', type: 'grid.patrol', at: at('2026-11-20T10:00:00'), grid: GRID, worker: 'w1' },
      ],
      now,
    )
    const s = snap(agg, COMMUNITY, now)
    expect(s.grid.onDuty).toBe(1)
    expect(s.grid.patrols).toBe(2)
    expect(s.grid.patrolCoverage).toBeCloseTo(1 / s.grid.grids)
    expect(s.children.find((c) => c.code === GRID)?.onDuty).toBe(1)
  })
})

describe('event order', () => {
  it('gives the same figures whatever the arrival order of events at the same instant', () => {
    const now = ms('2026-11-20T20:00:00')
    const events = [
      created('T1', '2026-11-20T08:00:00'),
      life('request.dispatched', 'T1', '2026-11-20T08:10:00', { department: '甲' }),
      life('request.returned', 'T1', '2026-11-20T13:00:00', { department: '甲' }),
      life('request.dispatched', 'T1', '2026-11-20T13:00:00', { department: '乙' }),
      life('request.signed', 'T1', '2026-11-20T13:20:00'),
      life('request.completed', 'T1', '2026-11-20T15:00:00'),
      life('request.reopened', 'T1', '2026-11-20T15:00:00'),
    ]
    const results = [events, [...events].reverse(), [events[0], events[3], events[2], events[6], events[5], events[1], events[4]]].map((order) => {
      const agg = new Aggregator({ tree })
      for (const e of order) agg.apply([e], now)
      const s = snap(agg, '2103', now)
      return [s.windows.today, s.open, agg.requests.get('T1')!.state!.department]
    })
    expect(results[1]).toEqual(results[0])
    expect(results[2]).toEqual(results[0])
    // Returned at 13:00 then re-dispatched to 乙 at 13:00, signed in 20 min: one late (甲, 4 h 50 min), one timely.
    expect((results[0][0] as { timelySignRate: number }).timelySignRate).toBe(0.5)
    expect(results[0][1]).toBe(1)
  })
})

describe('checkpoint', () => {
  it('restores the same figures, requests and masked summaries from the state tables', async () => {
    const { Engine } = await import('./engine.ts')
    const { SqliteStore } = await import('../store/sqlite-store.ts')
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-agg-cp-'))
    const now = ms('2026-11-21T14:00:00')
    const open = async (code = '2103') => {
      const store = new SqliteStore(dir, { clock: () => now })
      const engine = new Engine({ tree: code === '2103' ? tree : loadRegionPack(code), clock: () => now })
      engine.useTables(store.tables)
      let restored = false
      await store.open(
        (cp) => (restored = engine.restore(cp.state)),
        (events) => engine.applyCommitted(events),
      )
      engine.replayed()
      return { store, engine, restored: () => restored }
    }
    try {
      const a = await open()
      await a.store.append([...day1(), created('M1', '2026-11-21T09:00:00', { summary: '王先生电话13912345678反映' })])
      const { state, rows } = a.engine.checkpointState()
      await a.store.saveCheckpoint(state, rows)
      a.engine.checkpointSaved()
      await a.store.close()
      const b = await open()
      expect(b.restored()).toBe(true)
      const memory = new Engine({ tree, clock: () => now })
      memory.replayed()
      memory.applyCommitted([...day1(), created('M1', '2026-11-21T09:00:00', { summary: '王先生电话13912345678反映' })])
      for (const code of ['2103', '210302', COMMUNITY, GRID]) {
        const i = tree.indexOf(code)
        expect(b.engine.snapshot(i)).toEqual(memory.snapshot(i))
      }
      expect(b.engine.agg.requests.get('M1')?.summary).toBe('王先生电话139****5678反映')
      // A late event after the restore is applied on top of the restored contribution.
      await b.store.append([life('request.completed', 'R4', '2026-11-21T13:00:00')])
      memory.applyCommitted([life('request.completed', 'R4', '2026-11-21T13:00:00')])
      expect(b.engine.snapshot(0)).toEqual(memory.snapshot(0))
      await b.store.close()
      // Another region pack refuses the checkpoint.
      const other = await open('210302')
      expect(other.restored()).toBe(false)
      await other.store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
