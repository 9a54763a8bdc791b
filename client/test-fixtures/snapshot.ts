import type { ChildFigures, Snapshot, WindowFigures } from '../../shared/kpi-types.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import type { Alert } from '../../shared/alerts.ts'

/** Window figures with plausible defaults; override what a test cares about. */
export function windowFigures(over: Partial<WindowFigures> = {}): WindowFigures {
  return {
    accepted: 527,
    completed: 307,
    completionRate: 0.812,
    onTimeRate: 0.953,
    timelySignRate: 0.97,
    satisfactionRate: 0.981,
    directAnswerRate: 0.42,
    closedUnresolved: 4,
    returned: 3,
    reopened: 1,
    supervised: 2,
    avgHandleHours: 20.5,
    byCategory: { 供暖: 120, 供水: 80, 物业管理: 70, 环境卫生: 50, 噪音扰民: 40, 交通出行: 30, 市政设施: 28, 燃气: 25, 供电: 22, 教育: 20, 治安: 15, 其他: 27 },
    byChannel: { hotline: 300, app: 100, photo: 60, grid: 40, wechat: 20, web: 7 },
    n: { completionRate: 527, onTimeRate: 307, satisfactionRate: 150, directAnswerRate: 527, timelySignRate: 300 },
    ...over,
  }
}

/** A child region's figures. */
export function childFigures(code: string, name: string, over: Partial<ChildFigures> = {}): ChildFigures {
  return {
    code,
    name,
    level: 'district',
    acceptedToday: 70,
    completedToday: 40,
    acceptedYtd: 110_000,
    completionRate: 0.8,
    satisfactionRate: 0.97,
    onTimeRate: 0.95,
    open: 400,
    overdue: 3,
    onDuty: 120,
    ...over,
  }
}

/** 鞍山市's seven districts/counties, with distinct figures. */
export const ANSHAN_CHILDREN: ChildFigures[] = [
  childFigures('210302', '铁东区', { acceptedToday: 120, overdue: 5 }),
  childFigures('210303', '铁西区', { acceptedToday: 95, completionRate: 0.86 }),
  childFigures('210304', '立山区', { acceptedToday: 88, overdue: 0 }),
  childFigures('210311', '千山区', { acceptedToday: 40, completionRate: 0.91 }),
  childFigures('210321', '台安县', { acceptedToday: 60, overdue: 9 }),
  childFigures('210323', '岫岩满族自治县', { acceptedToday: 52 }),
  childFigures('210381', '海城市', { acceptedToday: 72, completionRate: 0.7 }),
]

const ramp = (peak: number): number[] => Array.from({ length: 24 }, (_, h) => Math.round(peak * Math.max(0.05, Math.sin(((h - 5) / 24) * Math.PI * 1.6))))

/** A snapshot of 鞍山市 with the seed figures (795192 YTD, 527 today, 307 completed); override freely. */
export function snapshotFixture(over: Partial<Snapshot> = {}): Snapshot {
  const asOf = Date.UTC(2026, 10, 22, 6, 30) // 14:30 in Beijing
  const dates = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 9, 24 + i)).toISOString().slice(0, 10))
  return {
    region: '2103',
    name: '鞍山市',
    level: 'city',
    asOf,
    lastEventAt: asOf - 2000,
    today: '2026-11-22',
    windows: {
      today: windowFigures(),
      yesterday: windowFigures({ accepted: 1480, completed: 1420 }),
      last7: windowFigures({ accepted: 10_300, completed: 10_050 }),
      month: windowFigures({ accepted: 31_000, completed: 30_200 }),
      ytd: windowFigures({ accepted: 795_192, completed: 780_000, completionRate: 0.98, satisfactionRate: 0.975 }),
    },
    open: 4321,
    overdue: 17,
    hourly: {
      today: { accepted: ramp(60), completed: ramp(40) },
      yesterday: { accepted: ramp(70), completed: ramp(65) },
    },
    daily: { dates, accepted: dates.map((_, i) => 1300 + ((i * 37) % 300)), completed: dates.map((_, i) => 1250 + ((i * 53) % 280)) },
    grid: { grids: 6543, onDuty: 812, patrols: 2310, gridFound: 41, patrolCoverage: 0.62, lastPatrolAt: null },
    children: ANSHAN_CHILDREN,
    ...over,
  }
}

/** A ticker item in 铁东区. */
export function tickerItem(n: number, over: Partial<TickerItem> = {}): TickerItem {
  return {
    requestId: `R${n}`,
    at: Date.UTC(2026, 10, 22, 6, 0) + n * 1000,
    region: '210302001001',
    place: '铁东区 · 新兴街道 · 园林社区',
    category: '供暖',
    channel: 'hotline',
    urgency: 'normal',
    summary: '小区暖气不热，联系电话138****5678',
    location: null,
    ...over,
  }
}

/** A surge alert. */
export function alertFixture(n: number, over: Partial<Alert> = {}): Alert {
  return {
    id: `A${n}`,
    kind: 'surge',
    region: '210302',
    regionName: '铁东区',
    at: Date.UTC(2026, 10, 22, 6, 0) + n * 60_000,
    params: { place: '铁东区', category: '供暖', count: 29 + n, threshold: 10 },
    ...over,
  } as Alert
}
