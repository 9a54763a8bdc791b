// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Briefing } from '../../../shared/briefing-types.ts'
import type { CohortRate } from '../../../shared/cohort-types.ts'
import type { WindowKey } from '../../../shared/kpi-types.ts'
import { briefingText } from '../../briefing/briefing-i18n.ts'
import CohortRatesStrip from '../../briefing/slides/CohortRatesStrip.vue'
import { createTranslator } from '../../i18n/translate.ts'
import { snapshotFixture } from '../../test-fixtures/snapshot.ts'
import GridPanel from './GridPanel.vue'
import RatesPanel from './RatesPanel.vue'

const zh = createTranslator('zh-CN')
const en = createTranslator('en')
const NOW = Date.parse('2026-11-21T12:00:00+08:00')
const HOUR = 3_600_000

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
})
afterEach(() => {
  vi.useRealTimers()
})

const rate = (done: number, n: number, from: string | null = '2026-11-15', to: string | null = '2026-11-19'): CohortRate => ({ rate: n ? done / n : null, n, done, from, to })
const immature = rate(0, 0, null, null)
const cohort = (last7: { h24: CohortRate; h72: CohortRate }) =>
  Object.fromEntries((['today', 'yesterday', 'last7', 'month', 'ytd'] as WindowKey[]).map((w) => [w, w === 'last7' ? last7 : { h24: immature, h72: immature }])) as Record<WindowKey, { h24: CohortRate; h72: CohortRate }>

describe('24小时/72小时办结率 on the wall', () => {
  it('shows the last 7 days’ mature cohorts beside the rings, 未满 and 样本不足 without a number', () => {
    const w = mount(RatesPanel, { props: { snapshot: snapshotFixture({ cohort: cohort({ h24: rate(952, 1000), h72: rate(10, 12, '2026-11-15', '2026-11-17') }) }), tr: zh } })
    const tag = w.find('[data-testid="cohort-rates"]')
    expect(tag.text()).toBe('24/72小时办结 95.2%/样本不足')
    expect(tag.find('[data-kpi="cohort.last7.h24"]').attributes('title')).toBe('24小时办结率：近7日已满批次 11-15–11-19，样本1,000')
    expect(tag.find('[data-kpi="cohort.last7.h24"]').attributes('data-value')).toBe('0.952')
    expect(tag.find('[data-kpi="cohort.last7.h72"]').attributes('data-value')).toBe('')
    const young = mount(RatesPanel, { props: { snapshot: snapshotFixture({ cohort: cohort({ h24: immature, h72: immature }) }), tr: en } })
    expect(young.find('[data-testid="cohort-rates"]').text()).toBe('24/72 h done under 24 h old')
    const few = mount(RatesPanel, { props: { snapshot: snapshotFixture({ cohort: cohort({ h24: rate(1, 2), h72: rate(1, 2) }) }), tr: zh } })
    expect(few.find('[data-testid="cohort-rates"]').text()).toBe('24/72小时办结 样本不足')
  })
})

describe('最近巡查 on the grid panel', () => {
  const grid = (lastPatrolAt: number | null) => snapshotFixture({ level: 'grid', grid: { grids: 1, onDuty: 1, patrols: 0, gridFound: 0, patrolCoverage: 0, lastPatrolAt } })
  it('reads N小时前, red beyond 24 hours, and grows with the clock', async () => {
    const w = mount(GridPanel, { props: { snapshot: grid(NOW - 3 * HOUR - 10 * 60_000), tr: zh } })
    const tag = () => w.find('[data-testid="last-patrol"]')
    expect(tag().text()).toBe('最近巡查 3小时前')
    expect(tag().attributes('data-stale')).toBe('false')
    await w.setProps({ snapshot: grid(NOW - 25 * HOUR) })
    expect(tag().text()).toBe('最近巡查 1天前')
    expect(tag().classes()).toContain('stale')
    await w.setProps({ snapshot: grid(NOW - 23 * HOUR - 30 * 60_000) })
    expect(tag().attributes('data-stale')).toBe('false')
    // An hour later with nothing pushed: past 24 hours, red.
    vi.advanceTimersByTime(HOUR)
    await w.vm.$nextTick()
    expect(tag().attributes('data-stale')).toBe('true')
  })
  it('says so when a grid was never patrolled', () => {
    const w = mount(GridPanel, { props: { snapshot: grid(null), tr: en } })
    expect(w.find('[data-testid="last-patrol"]').text()).toBe('No patrol yet')
    expect(w.find('[data-testid="last-patrol"]').classes()).toContain('stale')
  })
})

describe('24小时/72小时办结率 in the briefing', () => {
  const day = (date: string, r: CohortRate | null) => ({ date, rate: r })
  const briefing = {
    cohortRates: [
      { hours: 24, cohort: day('2026-11-19', rate(900, 1000)), prevDay: day('2026-11-18', rate(850, 1000)), lastWeek: day('2026-11-12', rate(5, 10)) },
      { hours: 72, cohort: day('2026-11-17', rate(970, 1000)), prevDay: day('2026-11-16', rate(980, 1000)), lastWeek: day('2026-11-10', null) },
    ],
  } as unknown as Briefing
  it('compares mature cohorts in pp, with no arrow against too few cases or no history', () => {
    const w = mount(CohortRatesStrip, { props: { briefing, tx: briefingText('zh-CN') } })
    const [r24, r72] = w.findAll('.row')
    expect(r24.text()).toContain('24小时办结率11-19批次 · 样本1,000')
    expect(r24.text()).toContain('90.0%')
    expect(r24.text()).toContain('较前一批次▲ 5.0个百分点')
    expect(r24.text()).toContain('较上周同日批次 —')
    expect(r72.text()).toContain('较前一批次▼ 1.0个百分点')
    expect(r72.text()).toContain('较上周同日批次 —')
  })
})
