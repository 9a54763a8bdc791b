/** ECharts options of the briefing pages: static (no animation), so an export captures them finished. */
import type { EChartsCoreOption } from 'echarts/core'
import type { Briefing, CategoryFigure, ChildDay, HotCommunity } from '../../shared/briefing-types.ts'
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
      { id: 'cmp', name: tx.t('completed'), type: 'line', data: trend.completed, smooth: true, symbol: 'circle', symbolSize: 7, lineStyle: { color: PALETTE.completed, width: 4 }, itemStyle: { color: PALETTE.completed } },
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

/** The children coloured by the day's accepted, the hot communities as bubbles at their child's centre. */
export function hotMapOption(mapName: string, children: ChildDay[], hot: HotCommunity[], centers: Map<string, [number, number]>): EChartsCoreOption {
  const max = Math.max(1, ...children.map((c) => c.accepted))
  const byChild = new Map<string, HotCommunity[]>()
  for (const h of hot) byChild.set(h.child, [...(byChild.get(h.child) ?? []), h])
  const bubbles = [...byChild].flatMap(([code, list]) => {
    const c = centers.get(code)
    const n = list.reduce((a, h) => a + h.accepted, 0)
    return c ? [{ name: list[0].name, value: [...c, n] }] : []
  })
  const big = Math.max(1, ...bubbles.map((b) => b.value[2]))
  return {
    animation: false,
    geo: {
      map: mapName,
      nameProperty: 'code',
      roam: false,
      layoutCenter: ['50%', '50%'],
      layoutSize: '96%',
      label: { show: false },
      itemStyle: { areaColor: '#0b2a55', borderColor: '#5fc8ff', borderWidth: 1.2 },
      emphasis: { disabled: true },
      select: { disabled: true },
    },
    visualMap: { type: 'continuous', seriesIndex: 0, min: 0, max, show: false, inRange: { color: ['#0b2a55', '#1560bd', '#29d3ff', '#b8f3ff'] } },
    series: [
      { type: 'map', geoIndex: 0, data: children.map((c) => ({ name: c.code, value: c.accepted })) },
      {
        // effectScatter is the point series the wall registers; shown still (no ripple) for exports.
        type: 'effectScatter',
        showEffectOn: 'emphasis',
        rippleEffect: { scale: 1.5 },
        coordinateSystem: 'geo',
        symbolSize: (v: number[]) => 16 + 30 * Math.sqrt(v[2] / big),
        itemStyle: { color: 'rgba(255, 77, 94, 0.85)', borderColor: '#fff', borderWidth: 1.5 },
        label: { show: true, position: 'right', ...baseText, fontSize: 17, color: '#fff', formatter: (p: { name: string }) => p.name },
        data: bubbles,
      },
    ],
  }
}
