/** ECharts options of the briefing pages: static (no animation), so an export captures them finished. */
import type { EChartsCoreOption } from 'echarts/core'
import type { Briefing, CategoryFigure, ChildDay, HotCommunity } from '../../shared/briefing-types.ts'
import { measureRamp, rampColour } from '../charts/region-map.ts'
import { axisStyle, baseText, PALETTE } from '../charts/theme.ts'
import type { BriefingText } from './briefing-i18n.ts'

/** 近30日趋势: accepted as bars, completed as a line; days outside the history are gaps. */
export function trendOption(trend: Briefing['trend'], tx: BriefingText): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 72, right: 24, top: 56, bottom: 40 },
    legend: { top: 0, right: 0, itemWidth: 22, itemHeight: 12, textStyle: { ...baseText, fontSize: 20, color: PALETTE.textDim } },
    xAxis: { type: 'category', data: trend.dates.map((d) => d.slice(5)), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, fontSize: 18, interval: 2 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, fontSize: 18 }, axisLine: { show: false } },
    series: [
      { id: 'acc', name: tx.t('accepted'), type: 'bar', data: trend.accepted, barMaxWidth: 26, itemStyle: { color: PALETTE.accepted, borderRadius: [4, 4, 0, 0] } },
      { id: 'cmp', name: tx.t('completed'), type: 'line', data: trend.completed, step: 'middle', symbol: 'circle', symbolSize: 7, lineStyle: { color: PALETTE.completed, width: 4 }, itemStyle: { color: PALETTE.completed } },
    ],
  }
}

/** 诉求分类 TOP10 as horizontal bars, largest on top, with the share as label. */
export function categoryOption(categories: CategoryFigure[], tx: BriefingText): EChartsCoreOption {
  const top = categories.slice(0, 10).reverse()
  return {
    animation: false,
    grid: { left: 8, right: 150, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: top.map((c) => tx.category(c.category)), ...axisStyle, axisLabel: { ...baseText, fontSize: 20 }, axisLine: { show: false } },
    series: [
      {
        id: 'cat',
        type: 'bar',
        data: top.map((c) => ({ value: c.accepted, share: c.share })),
        barWidth: 18,
        showBackground: true,
        backgroundStyle: { color: 'rgba(41, 211, 255, 0.08)', borderRadius: 9 },
        itemStyle: { borderRadius: 9, color: { type: 'linear', x: 0, y: 0, x2: 1, y2: 0, colorStops: [{ offset: 0, color: '#1560bd' }, { offset: 1, color: PALETTE.accent }] } },
        label: {
          show: true,
          position: 'right',
          ...baseText,
          fontSize: 19,
          formatter: (p: { value: number; dataIndex: number }) => `${p.value.toLocaleString('en-US')}  ${(top[p.dataIndex].share * 100).toFixed(1)}%`,
        },
      },
    ],
  }
}

/** A hot spot placed on the map: the busiest hot community of a child, at the child's centre. */
export interface HotSpot {
  child: string
  name: string
  accepted: number
  /** Requests of all the child's hot communities (the bubble's size). */
  total: number
  center: [number, number]
}

/** The hot communities grouped by the child holding them (the map knows children's centres only). */
export function hotSpots(hot: HotCommunity[], centers: Map<string, [number, number]>): HotSpot[] {
  const out = new Map<string, HotSpot>()
  for (const h of hot) {
    const c = centers.get(h.child)
    if (!c) continue
    const s = out.get(h.child)
    if (s) s.total += h.accepted
    else out.set(h.child, { child: h.child, name: h.name, accepted: h.accepted, total: h.accepted, center: c })
  }
  return [...out.values()]
}

/** Each child's fill by the day's accepted, on the wall map's volume ramp (the hot spots are drawn over it in the DOM). */
export function hotMapFills(children: ChildDay[]): Map<string, string> {
  const max = Math.max(1, ...children.map((c) => c.accepted))
  return new Map(children.map((c) => [c.code, rampColour(measureRamp('volume'), c.accepted / max)]))
}
