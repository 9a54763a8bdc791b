import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { shortDate } from '../format/time.ts'
import type { LegendItem } from './legend.ts'
import { axisStyle, PALETTE } from './theme.ts'
import { niceAxis, plotKey, seriesMax } from './value-axis.ts'
import { PARTIAL_OPACITY } from './hourly-trend.ts'

/** Days shown at most (the snapshot holds 30). */
export const DAILY_POINTS = 30

/** The daily chart's legend (DOM, over the chart's top right). */
export const dailyLegend = (tr: Translator): LegendItem[] => [
  { name: tr.t('accepted'), color: PALETTE.accepted, mark: 'bar' },
  { name: tr.t('completed'), color: PALETTE.completed, mark: 'bar' },
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

/**
 * 近30日趋势: accepted and completed per day as bars, oldest first (legend in the DOM); today's bars,
 * the day not over, are faded and labelled 今日(进行中) so they do not read as a collapse.
 */
export function dailyTrendOption(daily: Snapshot['daily'], tr: Translator): EChartsCoreOption {
  const d = shownDays(daily)
  const axis = niceAxis(seriesMax([d.accepted, d.completed]))
  const last = d.dates.length - 1
  const partial = (v: number, i: number) => (i === last ? { value: v, itemStyle: { opacity: PARTIAL_OPACITY } } : v)
  // Every fifth day back from today is labelled (today always), the rest blank: a plain interval could hide today's.
  const labels = d.dates.map((x, i) => (i === last ? tr.t('todaySoFar') : (last - i) % 5 === 0 ? shortDate(x) : ''))
  return {
    // Fixed margins: no label-bounds pass over the axes on every update.
    grid: { left: 56, right: 16, top: 40, bottom: 32, outerBoundsMode: 'none' },
    xAxis: { type: 'category', data: labels, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 0 } },
    // The axis is ours (niceAxis), so the panel's redraw key knows when the picture changes.
    yAxis: { type: 'value', min: 0, max: axis.max, interval: axis.interval, ...axisStyle, axisLine: { show: false } },
    series: [
      { id: 'acc', name: tr.t('accepted'), type: 'bar', data: d.accepted.map(partial), barMaxWidth: 10, barGap: '10%', itemStyle: { color: PALETTE.accepted, borderRadius: [3, 3, 0, 0] } },
      { id: 'cmp', name: tr.t('completed'), type: 'bar', data: d.completed.map(partial), barMaxWidth: 10, itemStyle: { color: PALETTE.completed, borderRadius: [3, 3, 0, 0] } },
    ],
  }
}
