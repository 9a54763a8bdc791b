import { describe, expect, it } from 'vitest'
import { dateToDay, HOUR_MS } from '../time-windows.ts'
import { F, KEY_STRIDE } from './bucket-fields.ts'
import { briefingCohortDay, COHORT_FIELD, cohortRate, foldCohort, isMature, lastMatureDay, matureRange } from './cohort-rates.ts'
import { patrolAgeHours, patrolStale } from './last-patrol.ts'

const ms = (t: string) => Date.parse(`${t}+08:00`)
const day = dateToDay

describe('24小时/72小时办结率', () => {
  it('counts a request in each horizon its first 办结 falls within, on its creation day', () => {
    const got: [number, number][] = []
    const sink = (k: number, d: number) => got.push([k, d])
    const created = ms('2026-11-19T23:00:00')
    foldCohort(created, created + 24 * HOUR_MS, sink, 1)
    expect(got).toEqual([
      [day('2026-11-19') * KEY_STRIDE + COHORT_FIELD[24], 1],
      [day('2026-11-19') * KEY_STRIDE + COHORT_FIELD[72], 1],
    ])
    got.length = 0
    foldCohort(created, created + 24 * HOUR_MS + 1, sink, -1)
    expect(got).toEqual([[day('2026-11-19') * KEY_STRIDE + COHORT_FIELD[72], -1]])
    got.length = 0
    foldCohort(created, -1, sink, 1)
    expect(got).toEqual([])
  })

  it('is final only N hours after the cohort day ends', () => {
    // Cohort 11-20 ends at 11-21 00:00: its 24 h rate is final from 11-22 00:00, its 72 h one from 11-24 00:00.
    expect(isMature(24, day('2026-11-20'), ms('2026-11-21T23:59:59.999'))).toBe(false)
    expect(isMature(24, day('2026-11-20'), ms('2026-11-22T00:00:00'))).toBe(true)
    expect(isMature(72, day('2026-11-20'), ms('2026-11-23T23:59:59.999'))).toBe(false)
    expect(isMature(72, day('2026-11-20'), ms('2026-11-24T00:00:00'))).toBe(true)
    expect(lastMatureDay(24, ms('2026-11-21T12:00:00'))).toBe(day('2026-11-19'))
    // Today and yesterday are never mature; a week's window is cut at the last mature day.
    const now = ms('2026-11-21T12:00:00')
    expect(matureRange(24, day('2026-11-20'), day('2026-11-20'), now)).toBeNull()
    expect(matureRange(24, day('2026-11-15'), day('2026-11-21'), now)).toEqual([day('2026-11-15'), day('2026-11-19')])
    expect(matureRange(72, day('2026-11-15'), day('2026-11-21'), now)).toEqual([day('2026-11-15'), day('2026-11-17')])
  })

  it('compares in the briefing of a day the cohorts whose N hours ended by that day’s end', () => {
    const d = day('2026-11-20')
    expect(briefingCohortDay(24, d)).toBe(day('2026-11-19'))
    expect(briefingCohortDay(72, d)).toBe(day('2026-11-17'))
    const end = ms('2026-11-21T00:00:00')
    expect(isMature(24, briefingCohortDay(24, d), end)).toBe(true)
    expect(isMature(72, briefingCohortDay(72, d), end)).toBe(true)
    expect(isMature(24, briefingCohortDay(24, d) + 1, end)).toBe(false)
  })

  it('reads the rate, its n and its days from summed counters', () => {
    const b = new Float64Array(64)
    b[F.accepted] = 40
    b[COHORT_FIELD[24]] = 30
    b[COHORT_FIELD[72]] = 38
    const r = [day('2026-11-15'), day('2026-11-19')] as [number, number]
    expect(cohortRate(24, b, r)).toEqual({ rate: 0.75, n: 40, done: 30, from: '2026-11-15', to: '2026-11-19' })
    expect(cohortRate(72, b, r).rate).toBe(0.95)
    expect(cohortRate(24, null, null)).toEqual({ rate: null, n: 0, done: 0, from: null, to: null })
  })
})

describe('最近巡查', () => {
  it('is red beyond 24 hours or when never patrolled', () => {
    const now = ms('2026-11-21T12:00:00')
    expect(patrolAgeHours(now - 5.5 * HOUR_MS, now)).toBe(5)
    expect(patrolAgeHours(null, now)).toBeNull()
    expect(patrolStale(now - 24 * HOUR_MS, now)).toBe(false)
    expect(patrolStale(now - 24 * HOUR_MS - 1, now)).toBe(true)
    expect(patrolStale(null, now)).toBe(true)
  })
})
