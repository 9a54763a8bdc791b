import { describe, expect, it } from 'vitest'
import { BUCKET_FIELDS, F } from '../../shared/kpi/bucket-fields.ts'
import { WINDOWS, type WindowKey } from '../../shared/kpi-types.ts'
import type { HeadlineRow } from '../../shared/roll-up.ts'
import { dayIndex, dayToDate } from '../../shared/time-windows.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { parentSnapshot } from './parent-snapshot.ts'

const NOW = Date.parse('2026-06-10T04:00:00Z')
const TODAY = dayToDate(dayIndex(NOW))
const LIAONING = loadRegionPack('21')

/** A row with `accepted` in every window and `open` open requests. */
function row(region: string, accepted: number, open: number, extra: Partial<HeadlineRow> = {}): HeadlineRow {
  const bucket = () => {
    const b = new Array<number>(BUCKET_FIELDS).fill(0)
    b[F.accepted] = accepted
    return b
  }
  const dates = Array.from({ length: 30 }, (_, i) => dayToDate(dayIndex(NOW) - 29 + i))
  return {
    region,
    today: TODAY,
    windows: Object.fromEntries(WINDOWS.map((w) => [w, bucket()])) as Record<WindowKey, number[]>,
    open,
    overdue: 0,
    onDuty: 0,
    asOf: NOW,
    lastEventAt: NOW - 1000,
    grids: 10,
    hourly: { today: { accepted: new Array(24).fill(1), completed: new Array(24).fill(0) }, yesterday: { accepted: new Array(24).fill(0), completed: new Array(24).fill(0) } },
    daily: { dates, accepted: dates.map(() => accepted), completed: dates.map(() => 0) },
    ...extra,
  }
}

describe('a parent snapshot from its roots’ rows', () => {
  it('sums current rows and marks none stale', () => {
    const { snapshot, row: own } = parentSnapshot(LIAONING, [{ code: '2103', row: row('2103', 5, 2), ageMs: 300 }, { code: '2111', row: row('2111', 3, 1), ageMs: 800 }], NOW, 10_000)
    expect([snapshot.region, snapshot.windows.ytd.accepted, snapshot.open, snapshot.grid.grids]).toEqual(['21', 8, 3, 20])
    expect(snapshot.hourly.today.accepted[0]).toBe(2)
    expect(snapshot.daily.accepted.at(-1)).toBe(8)
    expect(snapshot.children.map((c) => [c.code, c.acceptedYtd])).toEqual([['2103', 5], ['2111', 3]])
    expect(snapshot.rollUp?.roots.map((r) => [r.code, r.stale, r.summed, r.ageMs])).toEqual([['2103', false, true, 300], ['2111', false, true, 800]])
    expect([own.windows.ytd[F.accepted], own.open, own.stale]).toEqual([8, 3, undefined])
  })

  it('keeps an old row of today in the sum but marks it stale, and its own row says so', () => {
    const { snapshot, row: own } = parentSnapshot(LIAONING, [{ code: '2103', row: row('2103', 5, 2), ageMs: 300 }, { code: '2111', row: row('2111', 3, 1), ageMs: 60_000 }], NOW, 10_000)
    expect(snapshot.windows.ytd.accepted).toBe(8)
    expect(snapshot.rollUp?.roots[1]).toMatchObject({ code: '2111', stale: true, summed: true, ageMs: 60_000 })
    expect(own.stale).toBe(true)
  })

  it('leaves out a row of another day and a missing row, marking both', () => {
    const yesterday = row('2111', 3, 1, { today: dayToDate(dayIndex(NOW) - 1) })
    const { snapshot } = parentSnapshot(LIAONING, [{ code: '2103', row: null, ageMs: null }, { code: '2111', row: yesterday, ageMs: 500 }], NOW, 10_000)
    expect([snapshot.windows.ytd.accepted, snapshot.open, snapshot.lastEventAt]).toEqual([0, 0, null])
    expect(snapshot.rollUp?.roots.map((r) => [r.stale, r.summed])).toEqual([[true, false], [true, false]])
    expect(snapshot.children.map((c) => c.acceptedYtd)).toEqual([0, 0])
  })

  it('marks a parent row below it stale when one of that parent’s roots is', () => {
    const { snapshot } = parentSnapshot(loadRegionPack('2103'), [{ code: '210302', row: row('210302', 4, 0, { stale: true }), ageMs: 100 }], NOW, 10_000)
    expect(snapshot.rollUp?.roots[0]).toMatchObject({ stale: true, summed: true })
  })

  it('adds the roots’ cohort rates by sample and takes their latest patrol; without a root’s cohorts, none', () => {
    const rate = (done: number, n: number) => ({ rate: done / n, n, done, from: '2026-06-01', to: '2026-06-08' })
    const cohort = (done: number, n: number) => Object.fromEntries(WINDOWS.map((w) => [w, { h24: rate(done, n), h72: rate(n, n) }])) as HeadlineRow['cohort']
    const a = row('2103', 5, 2, { cohort: cohort(30, 40), lastPatrolAt: NOW - 5000 })
    const b = row('2111', 3, 1, { cohort: cohort(10, 60), lastPatrolAt: NOW - 9000 })
    const { snapshot, row: own } = parentSnapshot(LIAONING, [{ code: '2103', row: a, ageMs: 300 }, { code: '2111', row: b, ageMs: 300 }], NOW, 10_000)
    expect(snapshot.cohort!.last7.h24).toEqual({ rate: 40 / 100, n: 100, done: 40, from: '2026-06-01', to: '2026-06-08' })
    expect(snapshot.cohort!.ytd.h72.rate).toBe(1)
    expect(snapshot.grid.lastPatrolAt).toBe(NOW - 5000)
    expect([own.cohort, own.lastPatrolAt]).toEqual([snapshot.cohort, NOW - 5000])
    const old = row('2111', 3, 1)
    const part = parentSnapshot(LIAONING, [{ code: '2103', row: a, ageMs: 300 }, { code: '2111', row: old, ageMs: 300 }], NOW, 10_000).snapshot
    expect(part.cohort).toBeUndefined()
    expect(part.grid.lastPatrolAt).toBe(NOW - 5000)
  })
})
