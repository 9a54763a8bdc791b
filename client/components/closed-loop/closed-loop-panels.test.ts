// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { ClosedLoopFigures, DepartmentRow } from '../../../shared/department-types.ts'
import { createTranslator } from '../../i18n/translate.ts'
import { snapshotFixture } from '../../test-fixtures/snapshot.ts'
import DepartmentPanel from './DepartmentPanel.vue'
import HotWordsPanel from './HotWordsPanel.vue'
import StageBoardPanel from './StageBoardPanel.vue'

const zh = createTranslator('zh-CN')
const rate = (value: number | null, n: number) => ({ value, n })
const dept = (name: string, onTime: number, overdue: number, returned: number): DepartmentRow => ({
  name,
  dispatched: 20,
  signed: 18,
  completed: 10,
  returned,
  reopened: 0,
  timelySignRate: rate(0.9, 10),
  onTimeRate: rate(onTime, 10),
  returnRate: rate(returned / 20, 20),
  satisfactionRate: rate(null, 0),
  avgHandleHours: 12,
  open: 5,
  overdue,
})
const band = (lt1h: number, lt24h: number, lt3d: number, older: number) => ({ lt1h, lt24h, lt3d, older })
const loop: ClosedLoopFigures = {
  departments: { scope: '2103', rows: [dept('市供热管理办公室', 0.6, 7, 1), dept('国网鞍山供电公司', 1, 0, 0), dept('区住建局', 0.9, 0, 6)] },
  stages: {
    awaitingDispatch: band(3, 1, 0, 0),
    awaitingSign: band(2, 4, 1, 0),
    handling: band(1, 20, 9, 2),
    returned: band(0, 1, 0, 0),
    awaitingVisit: band(5, 8, 0, 0),
    reopened: band(0, 0, 1, 1),
  },
  flow: { today: { accepted: 120, dispatched: 80, signed: 75, completed: 90, visited: 40 }, yesterday: { accepted: 1500, dispatched: 1100, signed: 1050, completed: 1400, visited: 900 } },
  hotWords: { day: [{ word: '暖气不热', count: 12, weight: 12, rising: true }, { word: '供暖', count: 20, weight: 6, rising: false }], week: [{ word: '停水', count: 30, weight: 30, rising: false }] },
}
const snapshot = { ...snapshotFixture(), closedLoop: loop }

describe('DepartmentPanel', () => {
  it('ranks by the chosen measure, shows n, and marks overdue', async () => {
    const w = mount(DepartmentPanel, { props: { snapshot, tr: zh } })
    expect(w.findAll('[data-dept]').map((e) => e.attributes('data-dept'))).toEqual(['国网鞍山供电公司', '区住建局', '市供热管理办公室'])
    expect(w.text()).toContain('n=10')
    expect(w.find('[data-dept="市供热管理办公室"] .od').classes()).toContain('bad')
    await w.find('[data-measure="returnRate"]').trigger('click')
    // Fewer returns rank first.
    expect(w.findAll('[data-dept]').map((e) => e.attributes('data-dept'))).toEqual(['国网鞍山供电公司', '市供热管理办公室', '区住建局'])
    expect(w.find('[data-dept="区住建局"] [data-kpi="dept.returnRate"]').attributes('data-value')).toBe('0.3')
    await w.find('[data-measure="overdue"]').trigger('click')
    expect(w.findAll('[data-dept]').at(-1)!.attributes('data-dept')).toBe('市供热管理办公室')
  })
  it('says so when nothing was dispatched', () => {
    const w = mount(DepartmentPanel, { props: { snapshot: snapshotFixture(), tr: zh } })
    expect(w.text()).toContain('暂无派单')
  })
})

describe('StageBoardPanel', () => {
  it('shows every stage by age band and the flows of today and yesterday', () => {
    const w = mount(StageBoardPanel, { props: { snapshot, tr: zh } })
    expect(w.find('[data-kpi="stage.handling.older"]').attributes('data-value')).toBe('2')
    expect(w.find('[data-kpi="stage.handling.older"]').classes()).toContain('bad')
    expect(w.find('[data-kpi="flow.yesterday.completed"]').text()).toBe('1,400')
    expect(w.text()).toContain('退单待重派')
  })
})

describe('HotWordsPanel', () => {
  it('lists the words of 24 h with rising ones marked, and of 7 days on demand', async () => {
    const w = mount(HotWordsPanel, { props: { snapshot, tr: zh } })
    expect(w.findAll('[data-word]').map((e) => e.text())).toEqual(['暖气不热▲', '供暖'])
    await w.find('[data-span="week"]').trigger('click')
    expect(w.findAll('[data-word]').map((e) => e.attributes('data-word'))).toEqual(['停水'])
  })
  it('explains the level below which words are not kept', () => {
    const w = mount(HotWordsPanel, { props: { snapshot: { ...snapshot, closedLoop: { ...loop, hotWords: null } }, tr: zh } })
    expect(w.text()).toContain('热词统计到区县')
  })
})
