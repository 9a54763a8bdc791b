import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { shortDate } from '../format/time.ts'
import type { LegendItem } from './legend.ts'
import { axisStyle, PALETTE } from './theme.ts'
import { niceAxis, plotKey, seriesMax } from './value-axis.ts'

/** Days shown at most (the snapshot holds 30). */
export const DAILY_POINTS = 30

/** The daily chart's legend (DOM, over the chart's top right). */
export const dailyLegend = (tr: Translator): LegendItem[] => [
  { name: tr.t('accepted'), color: PALETTE.accepted, mark: 'bar' },
  { name: tr.t('completed'), color: PALETTE.completed, mark: 'line' },
]

/** The days shown, oldest first: dates, accepted and completed. */
function shownDays(daily: Snapshot['daily']) {
  const from = daily.dates.length - Math.min(DAILY_POINTS, daily.dates.length)
  return { dates: daily.dates.slice(from), accepted: daily.accepted.slice(from), completed: daily.completed.slice(from) }
}

/** When the daily chart's picture changes: language, days, axis and each value to a fraction of a pixel. */
export function dailyKey(daily: Snapshot['daily'], lang: string): string {
  const d = shownDays(daily)
  return `${lang}|${d.dates.at(0)}…${d.dates.at(-1)}|${plotKey(niceAxis(seriesMax([d.accepted, d.completed])), [d.accepted, d.completed])}`
}

/** 近30日趋势: accepted as bars, completed as a line, oldest first (legend in the DOM). */
export function dailyTrendOption(daily: Snapshot['daily'], tr: Translator): EChartsCoreOption {
  const d = shownDays(daily)
  const axis = niceAxis(seriesMax([d.accepted, d.completed]))
  return {
    // Fixed margins: no label-bounds pass over the axes on every update.
    grid: { left: 56, right: 16, top: 40, bottom: 32, outerBoundsMode: 'none' },
    xAxis: { type: 'category', data: d.dates.map(shortDate), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 4 } },
    // The axis is ours (niceAxis), so the panel's redraw key knows when the picture changes.
    yAxis: { type: 'value', min: 0, max: axis.max, interval: axis.interval, ...axisStyle, axisLine: { show: false } },
    series: [
      { id: 'acc', name: tr.t('accepted'), type: 'bar', data: d.accepted, barMaxWidth: 14, itemStyle: { color: PALETTE.accepted, borderRadius: [3, 3, 0, 0] } },
      { id: 'cmp', name: tr.t('completed'), type: 'line', animation: false, data: d.completed, smooth: true, symbol: 'none', lineStyle: { color: PALETTE.completed, width: 3 }, itemStyle: { color: PALETTE.completed } },
    ],
  }
}
