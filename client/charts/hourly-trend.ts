import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { HOUR_LABELS } from '../format/time.ts'
import { hourOfDay } from '../../shared/time-windows.ts'
import type { LegendItem } from './legend.ts'
import { axisStyle, PALETTE } from './theme.ts'
import { niceAxis, plotKey, seriesMax } from './value-axis.ts'

/** Today's series stop at the current hour; later hours are blank, not zero. */
export const upToHour = (values: number[], hour: number): (number | null)[] =>
  Array.from({ length: 24 }, (_, h) => (h <= hour ? (values[h] ?? 0) : null))


const COLORS = { accToday: PALETTE.accepted, cmpToday: PALETTE.completed, accYday: PALETTE.yesterday, cmpYday: '#5c7a6e' } as const

/** The hourly chart's legend (DOM, over the chart's top right). */
export const hourlyLegend = (tr: Translator): LegendItem[] => [
  { name: tr.t('accepted'), color: COLORS.accToday, mark: 'bar' },
  { name: tr.t('completed'), color: COLORS.cmpToday, mark: 'bar' },
  { name: tr.t('acceptedYesterday'), color: COLORS.accYday, mark: 'dashed' },
  { name: tr.t('completedYesterday'), color: COLORS.cmpYday, mark: 'dashed' },
]

/** The four hourly series as drawn: today's up to the current hour, yesterday's whole. */
export function hourlySeries(hourly: Snapshot['hourly'], asOf: number): (number | null)[][] {
  const hour = hourOfDay(asOf)
  return [upToHour(hourly.today.accepted, hour), upToHour(hourly.today.completed, hour), hourly.yesterday.accepted.slice(0, 24), hourly.yesterday.completed.slice(0, 24)]
}

/** When the hourly chart's picture changes: language, axis and each point to a fraction of a pixel. */
export function hourlyKey(hourly: Snapshot['hourly'], asOf: number, lang: string): string {
  const series = hourlySeries(hourly, asOf)
  return `${lang}|${plotKey(niceAxis(seriesMax(series)), series)}`
}

/** Opacity of the current hour's bars: the hour is not over, its count still grows. */
export const PARTIAL_OPACITY = 0.4

/**
 * 分时趋势: accepted and completed per hour, today against yesterday (legend in the DOM). Counts
 * are whole numbers per hour, so today's are bars and yesterday's steps, never smoothed curves that
 * draw humps between hours; the current hour's bars are faded (partial).
 */
export function hourlyTrendOption(hourly: Snapshot['hourly'], asOf: number, tr: Translator): EChartsCoreOption {
  const [accToday, cmpToday, accYday, cmpYday] = hourlySeries(hourly, asOf)
  const axis = niceAxis(seriesMax([accToday, cmpToday, accYday, cmpYday]))
  const hour = hourOfDay(asOf)
  const bar = (id: string, name: string, data: (number | null)[], color: string) => ({
    id,
    name,
    type: 'bar',
    data: data.map((v, h) => (h === hour && v !== null ? { value: v, itemStyle: { opacity: PARTIAL_OPACITY } } : v)),
    barGap: '10%',
    barMaxWidth: 10,
    itemStyle: { color },
  })
  const step = (id: string, name: string, data: (number | null)[], color: string) => ({
    id,
    name,
    type: 'line',
    data,
    step: 'middle',
    symbol: 'none',
    lineStyle: { color, width: 2, type: 'dashed' },
    itemStyle: { color },
  })
  return {
    // Line series re-run an animated transition after updates here (a repaint a frame for a while
    // after each tick), whatever animationDurationUpdate says; the hourly chart draws at once.
    animation: false,
    // Fixed margins: no label-bounds pass over the axes on every update.
    grid: { left: 48, right: 16, top: 44, bottom: 32, outerBoundsMode: 'none' },
    xAxis: { type: 'category', data: HOUR_LABELS, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 3 } },
    // The axis is ours (niceAxis), so the panel's redraw key knows when the picture changes.
    yAxis: { type: 'value', min: 0, max: axis.max, interval: axis.interval, ...axisStyle, axisLine: { show: false } },
    series: [
      bar('acc-today', tr.t('accepted'), accToday, COLORS.accToday),
      bar('cmp-today', tr.t('completed'), cmpToday, COLORS.cmpToday),
      step('acc-yday', tr.t('acceptedYesterday'), accYday, COLORS.accYday),
      step('cmp-yday', tr.t('completedYesterday'), cmpYday, COLORS.cmpYday),
    ],
  }
}
