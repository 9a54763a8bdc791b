// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../i18n/translate.ts'
import { alertFixture, ANSHAN_CHILDREN, snapshotFixture, tickerItem, windowFigures } from '../../test-fixtures/snapshot.ts'
import AlertsPanel from './AlertsPanel.vue'
import CategoryPanel from './CategoryPanel.vue'
import GridPanel from './GridPanel.vue'
import HeadlineCounters from './HeadlineCounters.vue'
import RankingPanel from './RankingPanel.vue'
import RollingNumber from './RollingNumber.vue'
import StaleBanner from './StaleBanner.vue'
import TickerPanel from './TickerPanel.vue'
import WallHeader from './WallHeader.vue'

const zh = createTranslator('zh-CN')
const en = createTranslator('en')
const kpis = (w: ReturnType<typeof mount>) =>
  Object.fromEntries(w.findAll('[data-kpi]').map((e) => [e.attributes('data-kpi'), e.attributes('data-value')]))

describe('RollingNumber', () => {
  it('carries the exact value as test hooks and rolls each digit to place', () => {
    const w = mount(RollingNumber, { props: { value: 795192, kpi: 'accepted.ytd' } })
    expect(w.attributes('data-kpi')).toBe('accepted.ytd')
    expect(w.attributes('data-value')).toBe('795192')
    expect(w.attributes('aria-label')).toBe('795,192')
    const reels = w.findAll('.reel')
    expect(reels).toHaveLength(6)
    expect(reels[0].attributes('style')).toContain('translateY(-70%)')
  })
  it('rolls to a new value (memoised cells still update)', async () => {
    const w = mount(RollingNumber, { props: { value: 1234, kpi: 'open' } })
    await w.setProps({ value: 1239 })
    expect(w.attributes('data-value')).toBe('1239')
    expect(w.findAll('.reel').at(-1)!.attributes('style')).toContain('translateY(-90%)')
  })
  it('shows a dash before data', () => {
    const w = mount(RollingNumber, { props: { value: null, kpi: 'open' } })
    expect(w.attributes('data-value')).toBe('')
    expect(w.text()).toBe('—')
  })
})

describe('HeadlineCounters', () => {
  it('shows the five headline figures of the snapshot', () => {
    const w = mount(HeadlineCounters, { props: { snapshot: snapshotFixture(), tr: zh } })
    expect(kpis(w)).toEqual({ 'accepted.ytd': '795192', 'accepted.today': '527', 'completed.today': '307', open: '4321', overdue: '17' })
    expect(w.text()).toContain('累计受理')
  })
  it('speaks English on ?lang=en', () => {
    const w = mount(HeadlineCounters, { props: { snapshot: snapshotFixture(), tr: en } })
    expect(w.text()).toContain('Accepted YTD')
  })
})

describe('GridPanel', () => {
  it('shows grid figures and the patrol coverage', () => {
    const w = mount(GridPanel, { props: { snapshot: snapshotFixture(), tr: zh } })
    expect(kpis(w)).toMatchObject({ 'grid.grids': '6543', 'grid.onDuty': '812', 'grid.patrolCoverage': '0.62' })
    expect(w.text()).toContain('62.0%')
    // The bar grows by transform (compositor), not by width (a layout every frame of the transition).
    expect(w.find('.coverage .fill').attributes('style')).toContain('scaleX(0.62)')
  })
})

describe('RankingPanel', () => {
  it('ranks children by the measure and drills down on click', async () => {
    const w = mount(RankingPanel, { props: { items: ANSHAN_CHILDREN, measure: 'overdue', tr: zh } })
    const rows = w.findAll('li')
    expect(rows[0].attributes('data-code')).toBe('210321')
    await rows[0].trigger('click')
    expect(w.emitted('select')).toEqual([['210321']])
  })
})

describe('RankingPanel updates', () => {
  it('updates a row whose figures changed', async () => {
    const w = mount(RankingPanel, { props: { items: ANSHAN_CHILDREN, measure: 'volume', tr: zh } })
    const first = ANSHAN_CHILDREN.find((c) => c.code === w.find('li').attributes('data-code'))!
    const items = ANSHAN_CHILDREN.map((c) => (c.code === first.code ? { ...c, acceptedToday: c.acceptedToday + 1000 } : c))
    await w.setProps({ items })
    expect(w.find('li').find('.n').text()).toBe((first.acceptedToday + 1000).toLocaleString('en-US'))
  })
})

describe('CategoryPanel', () => {
  it('draws the ten largest categories as bars, largest first, sized against it', () => {
    const w = mount(CategoryPanel, { props: { snapshot: snapshotFixture(), tr: zh } })
    const bars = w.findAll('.bar')
    expect(bars).toHaveLength(10)
    expect(bars[0].attributes('data-category')).toBe('供暖')
    expect(bars[0].find('.fill').attributes('style')).toContain('scaleX(1)')
    expect(bars[1].find('.fill').attributes('style')).toContain(`scaleX(${80 / 120})`)
    expect(bars[1].find('.value').text()).toBe('80')
  })
  it('re-orders and re-sizes on new figures, in English on ?lang=en', async () => {
    const w = mount(CategoryPanel, { props: { snapshot: snapshotFixture(), tr: en } })
    const windows = snapshotFixture().windows
    const today = windowFigures({ byCategory: { ...windows.today.byCategory, 供水: 240 } })
    await w.setProps({ snapshot: snapshotFixture({ windows: { ...windows, today } }) })
    const bars = w.findAll('.bar')
    expect(bars[0].find('.name').text()).toBe('Water supply')
    expect(bars[1].find('.fill').attributes('style')).toContain('scaleX(0.5)')
  })
})

describe('TickerPanel', () => {
  it('shows new lines first and re-renders memoised lines on a language change', async () => {
    const w = mount(TickerPanel, { props: { items: [tickerItem(1)], tr: zh } })
    await w.setProps({ items: [tickerItem(2), tickerItem(1)] })
    expect(w.findAll('.item')).toHaveLength(2)
    const cat = w.find('.cat').text()
    await w.setProps({ tr: en })
    expect(w.find('.cat').text()).not.toBe(cat)
  })
})

describe('AlertsPanel', () => {
  it('lists alerts as given (newest first) and flashes on a new one', async () => {
    const w = mount(AlertsPanel, { props: { items: [alertFixture(2), alertFixture(1)], tr: zh } })
    expect(w.findAll('.alert').map((a) => a.find('.msg').text())).toEqual([
      '铁东区近1小时供暖类诉求31件，超过阈值10件，疑似突发群体性诉求',
      '铁东区近1小时供暖类诉求30件，超过阈值10件，疑似突发群体性诉求',
    ])
    expect(w.find('.panel').classes()).not.toContain('flash')
    await w.setProps({ items: [alertFixture(3), alertFixture(2), alertFixture(1)] })
    expect(w.find('.panel').classes()).toContain('flash')
    expect(w.find('.alert.newest .msg').text()).toContain('32件')
  })
  it('shows a long message whole and acknowledges through the given function', async () => {
    const long = alertFixture(4, { params: { place: '铁东区 · 解放街道 · 园林社区', category: '供暖', count: 14, threshold: 10 } })
    const acks: string[] = []
    const w = mount(AlertsPanel, { props: { items: [long], tr: zh, ack: async (id: string) => (acks.push(id), { ok: false }) } })
    expect(w.find('.msg').text()).toBe('铁东区 · 解放街道 · 园林社区近1小时供暖类诉求14件，超过阈值10件，疑似突发群体性诉求')
    await w.get('[data-testid="alert-ack"]').trigger('click')
    expect(acks).toEqual([long.id])
    await new Promise((r) => setTimeout(r))
    expect(w.get('[data-testid="alert-ack"]').attributes('disabled')).toBeUndefined() // refused: it can be tried again
  })
  it('shows English messages on ?lang=en', () => {
    const w = mount(AlertsPanel, { props: { items: [alertFixture(1)], tr: en } })
    expect(w.find('.msg').text()).toBe('铁东区: 30 Heating requests in the last hour, above the threshold of 10')
  })
})

describe('StaleBanner', () => {
  it('is absent while live and says how old the data is when offline', async () => {
    const w = mount(StaleBanner, { props: { status: 'live', ageMs: 1000, tr: zh } })
    expect(w.find('[data-testid="stale-banner"]').exists()).toBe(false)
    await w.setProps({ status: 'offline', ageMs: 125_000 })
    expect(w.get('[data-testid="stale-banner"]').text()).toContain('2分前的数据')
    await w.setProps({ status: 'quiet', ageMs: 5000 })
    expect(w.get('[data-testid="stale-banner"]').text()).toContain('数据未更新')
  })
  it('on a parent wall names each root that is not current, with its age, and whether it is counted', async () => {
    const root = (code: string, name: string, ageMs: number | null, summed: boolean) => ({ code, name, asOf: null, ageMs, stale: true, summed })
    const lagging = [root('2111', '盘锦市', 125_000, true), root('2103', '鞍山市', null, false)]
    const w = mount(StaleBanner, { props: { status: 'quiet', ageMs: 500, tr: zh, lagging } })
    const text = w.get('[data-testid="stale-banner"]').text()
    expect(text).toContain('盘锦市最近一次在2分前（仍按该数计入）')
    expect(text).toContain('鞍山市无数据（未计入）')
    expect(w.get('[data-testid="stale-banner"]').attributes('data-status')).toBe('roots')
    await w.setProps({ lagging: [root('2111', '盘锦市', 90_000, false)], tr: en })
    expect(w.get('[data-testid="stale-banner"]').text()).toContain('not today (not counted)')
    // The connection lost says so first: the roots' ages are as old as the last frame.
    await w.setProps({ status: 'offline', ageMs: 125_000, tr: zh })
    expect(w.get('[data-testid="stale-banner"]').text()).toContain('连接中断')
    await w.setProps({ status: 'live', lagging: [] })
    expect(w.find('[data-testid="stale-banner"]').exists()).toBe(false)
  })
})

describe('WallHeader', () => {
  it('shows the breadcrumb, Beijing time and the feed state; crumbs navigate', async () => {
    const w = mount(WallHeader, {
      props: {
        title: '鞍山市民心网(8890) · 党群一张网运行态势',
        path: [{ code: '2103', name: '鞍山市', level: 'city', parent: null }],
        current: { code: '210302', name: '铁东区' },
        now: Date.UTC(2026, 10, 22, 6, 30, 5),
        status: 'live',
        dataAgeMs: 2000,
        tr: zh,
      },
    })
    expect(w.get('[data-testid="breadcrumb"]').text()).toBe('鞍山市›铁东区')
    expect(w.get('[data-testid="clock"]').text()).toContain('14:30:05')
    expect(w.get('[data-testid="feed-status"]').text()).toContain('实时')
    expect(w.get('[data-testid="data-age"]').text()).toBe('最近诉求 2秒前')
    // The connection and the data's age are two facts: live, with the last request 45 minutes ago.
    await w.setProps({ dataAgeMs: 45 * 60_000 })
    expect(w.get('[data-testid="feed-status"]').text()).toContain('实时')
    expect(w.get('[data-testid="data-age"]').text()).toBe('最近诉求 45分前')
    expect(w.get('[data-testid="data-age"]').classes()).toContain('old')
    await w.setProps({ status: 'offline', dataAgeMs: null })
    expect(w.get('[data-testid="feed-status"]').text()).toContain('重连中')
    expect(w.get('[data-testid="data-age"]').text()).toBe('暂无诉求数据')
    await w.get('[data-code="2103"]').trigger('click')
    expect(w.emitted('go')).toEqual([['2103']])
  })
})
