import type { EChartsCoreOption } from 'echarts/core'
import type { Snapshot, WindowFigures } from '../../shared/kpi-types.ts'
import { PALETTE } from './theme.ts'

/** The four rates on the wall, in display order. */
export const RATE_KEYS = ['completionRate', 'onTimeRate', 'satisfactionRate', 'timelySignRate'] as const
export type RateKey = (typeof RATE_KEYS)[number]

/** Today's and YTD value of one rate (fractions or null). */
export interface RatePair {
  key: RateKey
  today: number | null
  ytd: number | null
}

/** Picks the four rates for today and YTD from a snapshot. */
export const ratePairs = (windows: Snapshot['windows']): RatePair[] =>
  RATE_KEYS.map((key) => ({ key, today: windows.today[key as keyof WindowFigures] as number | null, ytd: windows.ytd[key as keyof WindowFigures] as number | null }))

const COLORS: Record<RateKey, string> = {
  completionRate: PALETTE.completed,
  onTimeRate: PALETTE.accent,
  satisfactionRate: '#ffd166',
  timelySignRate: '#a97bff',
}

/** Ring centre x of rate `i` of 4, as a fraction of the width (the DOM labels use it too). */
export const ringCenterX = (i: number): number => (2 * i + 1) / 8

/** Ring radius in px for a panel body of `width`×`height`: four rings side by side. */
export const ringRadius = (width: number, height: number): number => Math.max(20, Math.min(width / 8 - 8, height * 0.3))

const ring = (id: string, i: number, value: number | null, radius: number, width: number, color: string) => ({
  id,
  type: 'gauge',
  center: [`${ringCenterX(i) * 100}%`, '42%'],
  radius,
  startAngle: 90,
  endAngle: -270,
  min: 0,
  max: 100,
  pointer: { show: false },
  progress: { show: true, roundCap: true, width, itemStyle: { color } },
  axisLine: { lineStyle: { width, color: [[1, 'rgba(80, 130, 200, 0.16)']] } },
  axisTick: { show: false },
  splitLine: { show: false },
  axisLabel: { show: false },
  title: { show: false },
  detail: { show: false },
  data: [{ value: value == null ? 0 : Math.round(value * 1000) / 10 }],
})

/** Rings for the four rates: outer today, inner YTD; the numbers are DOM text over them. */
export function ratesOption(pairs: RatePair[], radius: number): EChartsCoreOption {
  return {
    series: pairs.flatMap((p, i) => [
      ring(`${p.key}-today`, i, p.today, radius, 12, COLORS[p.key]),
      ring(`${p.key}-ytd`, i, p.ytd, radius - 18, 5, 'rgba(214, 230, 255, 0.55)'),
    ]),
  }
}
