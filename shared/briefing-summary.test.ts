import { describe, expect, it } from 'vitest'
import { allowedNumbers, numbersIn } from '../server/briefing/summary-numbers.testkit.ts'
import type { Briefing, ChildDay, DayFigures } from './briefing-types.ts'
import { briefingSummary, relChange } from './briefing-summary.ts'

const figures = (over: Partial<DayFigures> = {}): DayFigures => ({
  accepted: 1523,
  completed: 1490,
  completionRate: 0.9812,
  closedUnresolved: 21,
  onTimeRate: 0.962,
  satisfactionRate: 0.9771,
  directAnswerRate: 0.4102,
  timelySignRate: null,
  open: 2034,
  overdue: 17,
  n: { completionRate: 1523, onTimeRate: 1490, satisfactionRate: 900, directAnswerRate: 1523, timelySignRate: 0 },
  ...over,
})
const child = (code: string, name: string, completionRate: number): ChildDay => ({
  code, name, accepted: 100, completed: 90, completionRate, onTimeRate: null, satisfactionRate: null, overdue: 0,
  n: { completionRate: 100, onTimeRate: 90, satisfactionRate: 0, directAnswerRate: 100, timelySignRate: 0 }, matureCompletionRate: completionRate, matureN: 700,
})

/** A city briefing for Saturday 2026-11-21 seen on 2026-11-22. */
function briefing(over: Partial<Briefing> = {}): Briefing {
  return {
    region: { code: '2103', name: '鞍山市', level: 'city' },
    scopeName: '全市',
    date: '2026-11-21',
    weekday: 6,
    today: '2026-11-22',
    generatedAt: 0,
    range: { from: '2025-10-19', to: '2026-11-21' },
    day: figures(),
    prevDay: { date: '2026-11-20', figures: figures({ accepted: 1408 }) },
    lastWeek: { date: '2026-11-14', figures: figures({ accepted: 1600 }) },
    trend: { dates: [], accepted: [], completed: [] },
    month: {
      current: { from: '2026-11-01', to: '2026-11-21', accepted: 30211, completed: 29000, completionRate: 0.97, satisfactionRate: 0.98 },
      previous: { from: '2026-10-01', to: '2026-10-21', accepted: 28000, completed: 27000, completionRate: 0.97, satisfactionRate: 0.98 },
      previousMonth: { month: '2026-10', accepted: 41000, completed: 40000 },
    },
    categories: [
      { category: '供暖', accepted: 412, share: 412 / 1523, prevDay: 300, lastWeek: 200, avg7: 250 },
      { category: '供水', accepted: 200, share: 200 / 1523, prevDay: 210, lastWeek: 190, avg7: 205 },
      { category: '物业管理', accepted: 150, share: 150 / 1523, prevDay: 140, lastWeek: 160, avg7: 150 },
      { category: '教育', accepted: 20, share: 20 / 1523, prevDay: 20, lastWeek: 20, avg7: 20 },
    ],
    surges: [{ category: '供暖', accepted: 412, share: 412 / 1523, prevDay: 300, lastWeek: 200, avg7: 250 }],
    hotCommunities: [{ code: '210302002001', name: '解放社区', place: '铁东区 · 解放街道 · 解放社区', child: '210302', accepted: 38, topCategory: '供暖' }],
    children: [],
    rankings: [{ measure: 'completionRate', best: [child('210302', '铁东区', 0.991)], worst: [child('210303', '铁西区', 0.952)], ranked: 2 }],
    overdue: { total: 17, items: [], byAge: { day: 10, week: 5, older: 2 } },
    grid: { total: { code: '2103', name: '鞍山市', grids: 6000, patrolledGrids: 5000, patrols: 12000, patrolCoverage: 5 / 6, gridFound: 300 }, children: [] },
    cohortRates: [],
    ...over,
  }
}

describe('briefingSummary', () => {
  it('writes the headline sentence like the leaders read it', () => {
    const [first] = briefingSummary(briefing())
    expect(first).toBe(
      '昨日（11月21日，星期六）全市受理群众诉求1,523件，环比上升8.2%，较上周同日下降4.8%；其中供暖类412件，占27.1%，供水类200件，占13.1%，物业管理类150件，占9.8%。',
    )
  })

  it('prints only numbers of the data, in both languages', () => {
    for (const b of [briefing(), briefing({ today: '2026-12-01', surges: [], hotCommunities: [], month: { ...briefing().month, previous: null } })]) {
      const allowed = allowedNumbers(b)
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = briefingSummary(b, lang).join('\n')
        const numbers = numbersIn(text)
        expect(numbers.length).toBeGreaterThan(8)
        for (const n of numbers) expect(allowed, `${n} in: ${text}`).toContain(n)
      }
    }
  })

  it('states each figure where it belongs', () => {
    const text = briefingSummary(briefing()).join('')
    expect(text).toContain('全天办结1,490件，办结率98.1%（样本1,523），按时办结率96.2%（样本1,490），满意率97.7%（样本900），直接答复率41.0%（样本1,523）；当日受理的诉求中未办结关闭21件（无法办理、撤回或不予受理，不计为办结）。')
    expect(briefingSummary(briefing(), 'en').join('')).toContain("; 21 of the day's requests were closed unresolved (unresolvable, withdrawn or rejected: not completed).")
    expect(briefingSummary(briefing({ day: figures({ closedUnresolved: 0 }) })).join('')).not.toContain('未办结关闭')
    expect(text).toContain('在办2,034件，其中超期17件')
    expect(text).toContain('供暖类诉求412件，较前7日日均250.0件上升64.8%')
    expect(text).toContain('成熟期办结率（7至13天前受理）最高的是铁东区（99.1%），最低的是铁西区（95.2%）')
    expect(text).toContain('本月以来累计受理30,211件，较上月同期上升7.9%')
  })

  it('says 样本不足 for a rate over few cases, and never names the region as its own hotspot', () => {
    const one = figures({ accepted: 1, completed: 1, completionRate: 1, onTimeRate: 0, satisfactionRate: null, directAnswerRate: 1, n: { completionRate: 1, onTimeRate: 1, satisfactionRate: 0, directAnswerRate: 1, timelySignRate: 0 } })
    const community = { code: '210302002001', name: '解放社区', place: '铁东区 · 解放街道 · 解放社区', child: '210302002001', accepted: 1, topCategory: '供暖' }
    const b = briefing({ region: { code: '210302002001', name: '解放社区', level: 'community' }, scopeName: '解放社区', day: one, hotCommunities: [community] })
    const text = briefingSummary(b).join('')
    expect(text).toContain('办结率样本不足（样本1）')
    expect(text).not.toContain('100.0%')
    expect(text).not.toContain('诉求最多的社区')
    expect(briefingSummary(b, 'en').join('')).toContain('completion too few cases (n=1)')
  })

  it('leaves out comparisons without a base and says flat when unchanged', () => {
    const b = briefing({ prevDay: { date: '2026-11-20', figures: null }, lastWeek: { date: '2026-11-14', figures: figures() } })
    const [first] = briefingSummary(b)
    expect(first).not.toContain('环比')
    expect(first).toContain('较上周同日持平')
    expect(relChange(5, 0)).toBeNull()
  })

  it('names another day by its date', () => {
    expect(briefingSummary(briefing({ today: '2026-11-30' }))[0]).toMatch(/^11月21日（星期六）全市/)
    expect(briefingSummary(briefing(), 'en')[0]).toMatch(/^Yesterday \(Saturday, Nov 21\) 鞍山市 accepted 1,523 requests, up 8\.2% on the day before/)
  })
})

describe('the summary on 24小时/72小时办结率', () => {
  const rate = (done: number, n: number, date: string) => ({ rate: done / n, n, done, from: date, to: date })
  const cohorts = (n24: number, base24: number): Briefing['cohortRates'] => [
    { hours: 24, cohort: { date: '2026-11-20', rate: rate(Math.round(0.62 * n24), n24, '2026-11-20') }, prevDay: { date: '2026-11-19', rate: rate(Math.round(0.6 * base24), base24, '2026-11-19') }, lastWeek: { date: '2026-11-13', rate: rate(62, 100, '2026-11-13') } },
    { hours: 72, cohort: { date: '2026-11-18', rate: rate(850, 1000, '2026-11-18') }, prevDay: { date: '2026-11-17', rate: null }, lastWeek: { date: '2026-11-11', rate: rate(880, 1000, '2026-11-11') } },
  ]

  it('gives each mature cohort with its n and its changes in points, in both languages, numbers from the data', () => {
    const b = briefing({ cohortRates: cohorts(1000, 1000) })
    const zh = briefingSummary(b).join('')
    expect(zh).toContain('24小时办结率（11月20日受理）62.0%（样本1,000），较前一日上升2.0个百分点，较上周同日持平；72小时办结率（11月18日受理）85.0%（样本1,000），较上周同日下降3.0个百分点。')
    const en = briefingSummary(b, 'en').join('')
    expect(en).toContain('24-hour completion (requests of Nov 20) 62.0% (n=1,000), up 2.0 pp on the day before, flat on the same day a week before; 72-hour completion (requests of Nov 18) 85.0% (n=1,000), down 3.0 pp on the same day a week before.')
    const allowed = allowedNumbers(b)
    for (const text of [zh, en]) for (const n of numbersIn(text)) expect(allowed, `${n} in: ${text}`).toContain(n)
  })

  it('says 样本不足 with n for a small cohort and compares nothing with or against a small sample', () => {
    const zh = briefingSummary(briefing({ cohortRates: cohorts(5, 1000) })).join('')
    expect(zh).toContain('24小时办结率（11月20日受理）样本不足（样本5）')
    expect(zh).not.toMatch(/24小时办结率[^；]*百分点/)
    expect(briefingSummary(briefing({ cohortRates: cohorts(5, 1000) }), 'en').join('')).toContain('24-hour completion (requests of Nov 20) too few cases (n=5)')
    // A big cohort against a day of 3 requests: no change against it.
    const small = briefingSummary(briefing({ cohortRates: cohorts(1000, 3) })).join('')
    expect(small).toContain('24小时办结率（11月20日受理）62.0%（样本1,000），较上周同日持平')
    expect(small).not.toContain('较前一日')
  })

  it('says nothing on the cohorts when none has figures', () => {
    const none: Briefing['cohortRates'] = [{ hours: 24, cohort: { date: '2026-11-20', rate: null }, prevDay: { date: '2026-11-19', rate: null }, lastWeek: { date: '2026-11-13', rate: null } }]
    expect(briefingSummary(briefing({ cohortRates: none })).join('')).not.toContain('小时办结率')
  })
})
