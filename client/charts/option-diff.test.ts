import { describe, expect, it } from 'vitest'
import { createTranslator } from '../i18n/translate.ts'
import { snapshotFixture } from '../test-fixtures/snapshot.ts'
import { dailyTrendOption } from './daily-trend.ts'
import { PARTIAL_OPACITY } from './hourly-trend.ts'
import { planOptionUpdate, sameValue } from './option-diff.ts'

const zh = createTranslator('zh-CN')

describe('option diff', () => {
  it('replaces on the first update and does nothing for an equal option', () => {
    const a = { grid: { left: 1 }, series: [{ id: 's', type: 'bar', data: [1, 2] }] }
    expect(planOptionUpdate(null, a)).toEqual({ kind: 'replace', option: a })
    expect(planOptionUpdate(a, structuredClone(a))).toEqual({ kind: 'same' })
  })

  it('sends only the series whose data changed, by id, with the whole data array', () => {
    const a = { xAxis: { data: ['a', 'b'] }, series: [{ id: 'x', type: 'bar', data: [1, 2] }, { id: 'y', type: 'line', data: [3, 4] }] }
    const b = structuredClone(a)
    b.series[1].data = [3, 5]
    expect(planOptionUpdate(a, b)).toEqual({ kind: 'patch', option: { series: [{ id: 'y', data: [3, 5] }] } })
  })

  it('diffs nested objects key by key', () => {
    const a = { yAxis: { min: 0, axisLabel: { color: 'red', fontSize: 16 } } }
    const b = { yAxis: { min: 0, axisLabel: { color: 'blue', fontSize: 16 } } }
    expect(planOptionUpdate(a, b)).toEqual({ kind: 'patch', option: { yAxis: { axisLabel: { color: 'blue' } } } })
  })

  it('replaces when a merge cannot express the change', () => {
    const a = { series: [{ id: 'x', data: [1] }, { id: 'y', data: [2] }] }
    expect(planOptionUpdate(a, { series: [{ id: 'y', data: [2] }, { id: 'x', data: [1] }] }).kind).toBe('replace')
    expect(planOptionUpdate(a, { series: [{ id: 'x', data: [1] }] }).kind).toBe('replace')
    expect(planOptionUpdate({ a: { b: 1, c: 2 } }, { a: { b: 1 } }).kind).toBe('replace')
  })

  it('treats undefined keys as absent and functions by identity', () => {
    const f = () => ''
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(sameValue({ f }, { f })).toBe(true)
    expect(sameValue({ f }, { f: () => '' })).toBe(false)
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false)
  })

  it('reduces a real chart tick to the one series that moved', () => {
    const s = snapshotFixture()
    const before = dailyTrendOption(s.daily, zh) as Record<string, unknown>
    const accepted = [...s.daily.accepted]
    accepted[accepted.length - 1] += 2
    const after = dailyTrendOption({ ...s.daily, accepted }, zh) as Record<string, unknown>
    const plan = planOptionUpdate(before, after)
    expect(plan.kind).toBe('patch')
    // Today's bar (faded: the day is not over) is the one that moved.
    const data = accepted.slice(-30).map((v, i) => (i === 29 ? { value: v, itemStyle: { opacity: PARTIAL_OPACITY } } : v))
    expect(plan.kind === 'patch' && plan.option).toEqual({ series: [{ id: 'acc', data }] })
  })
})
