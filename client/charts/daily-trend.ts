import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { shortDate } from '../format/time.ts'
import type { LegendItem } from './legend.ts'
import { axisStyle, PALETTE } from './theme.ts'

/** Days shown at most (the snapshot holds 30). */
export const DAILY_POINTS = 30

/** The daily chart's legend (DOM, over the chart's top right). */
export const dailyLegend = (tr: Translator): LegendItem[] => [
  { name: tr.t('accepted'), color: PALETTE.accepted, mark: 'bar' },
  { name: tr.t('completed'), color: PALETTE.completed, mark: 'line' },
]

/** 近30日趋势: accepted as bars, completed as a line, oldest first (legend in the DOM). */
export function dailyTrendOption(daily: Snapshot['daily'], tr: Translator): EChartsCoreOption {
  const n = Math.min(DAILY_POINTS, daily.dates.length)
  const from = daily.dates.length - n
  return {
    // Fixed margins: no label-bounds pass over the axes on every update.
    grid: { left: 56, right: 16, top: 40, bottom: 32, outerBoundsMode: 'none' },
    xAxis: { type: 'category', data: daily.dates.slice(from).map(shortDate), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 4 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle, axisLine: { show: false } },
    series: [
      { id: 'acc', name: tr.t('accepted'), type: 'bar', data: daily.accepted.slice(from), barMaxWidth: 14, itemStyle: { color: PALETTE.accepted, borderRadius: [3, 3, 0, 0] } },
      { id: 'cmp', name: tr.t('completed'), type: 'line', animation: false, data: daily.completed.slice(from), smooth: true, symbol: 'none', lineStyle: { color: PALETTE.completed, width: 3 }, itemStyle: { color: PALETTE.completed } },
    ],
  }
}
