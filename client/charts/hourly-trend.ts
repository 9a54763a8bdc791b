import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { HOUR_LABELS } from '../format/time.ts'
import type { LegendItem } from './legend.ts'
import { axisStyle, PALETTE } from './theme.ts'

/** Today's series stop at the current hour; later hours are blank, not zero. */
export const upToHour = (values: number[], hour: number): (number | null)[] =>
  Array.from({ length: 24 }, (_, h) => (h <= hour ? (values[h] ?? 0) : null))

/** Current hour (0–23) in Beijing time. */
export const beijingHour = (ms: number): number => new Date(ms + 8 * 3600_000).getUTCHours()

const COLORS = { accToday: PALETTE.accepted, cmpToday: PALETTE.completed, accYday: PALETTE.yesterday, cmpYday: '#5c7a6e' } as const

/** The hourly chart's legend (DOM, over the chart's top right). */
export const hourlyLegend = (tr: Translator): LegendItem[] => [
  { name: tr.t('accepted'), color: COLORS.accToday, mark: 'line' },
  { name: tr.t('completed'), color: COLORS.cmpToday, mark: 'line' },
  { name: tr.t('acceptedYesterday'), color: COLORS.accYday, mark: 'dashed' },
  { name: tr.t('completedYesterday'), color: COLORS.cmpYday, mark: 'dashed' },
]

/** 分时趋势: accepted and completed per hour, today against yesterday (legend in the DOM). */
export function hourlyTrendOption(hourly: Snapshot['hourly'], asOf: number, tr: Translator): EChartsCoreOption {
  const hour = beijingHour(asOf)
  const line = (id: string, name: string, data: (number | null)[], color: string, dashed: boolean, area: boolean) => ({
    id,
    name,
    type: 'line',
    data,
    smooth: true,
    symbol: 'none',
    lineStyle: { color, width: dashed ? 2 : 3, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color },
    areaStyle: area ? { color, opacity: 0.15 } : undefined,
  })
  return {
    // Line series re-run an animated transition after updates here (a repaint a frame for a while
    // after each tick), whatever animationDurationUpdate says; the hourly chart draws at once.
    animation: false,
    // Fixed margins: no label-bounds pass over the axes on every update.
    grid: { left: 48, right: 16, top: 44, bottom: 32, outerBoundsMode: 'none' },
    xAxis: { type: 'category', data: HOUR_LABELS, boundaryGap: false, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 3 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle, axisLine: { show: false } },
    series: [
      line('acc-today', tr.t('accepted'), upToHour(hourly.today.accepted, hour), COLORS.accToday, false, true),
      line('cmp-today', tr.t('completed'), upToHour(hourly.today.completed, hour), COLORS.cmpToday, false, false),
      line('acc-yday', tr.t('acceptedYesterday'), hourly.yesterday.accepted.slice(0, 24), COLORS.accYday, true, false),
      line('cmp-yday', tr.t('completedYesterday'), hourly.yesterday.completed.slice(0, 24), COLORS.cmpYday, true, false),
    ],
  }
}
