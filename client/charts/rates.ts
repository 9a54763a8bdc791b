import type { Snapshot, WindowFigures } from '../../shared/kpi-types.ts'
import { sampleEnough } from '../../shared/kpi/rate-samples.ts'
import { PALETTE } from './theme.ts'

/** The four rates on the wall, in display order. */
export const RATE_KEYS = ['completionRate', 'onTimeRate', 'satisfactionRate', 'timelySignRate'] as const
export type RateKey = (typeof RATE_KEYS)[number]

/** Today's and YTD value of one rate (fractions or null). */
export interface RatePair {
  key: RateKey
  /** Today's rate, null when there is nothing to divide by or its sample is under the threshold (样本不足). */
  today: number | null
  ytd: number | null
  /** 样本量 of today's rate (null from a server that does not send it). */
  n: number | null
  /** Today's sample is under {@link MIN_RATE_SAMPLE}: shown as 样本不足, no ring. */
  few: boolean
}

/** Picks the four rates for today and YTD from a snapshot, with today's sample. */
export const ratePairs = (windows: Snapshot['windows']): RatePair[] =>
  RATE_KEYS.map((key) => {
    const n = windows.today.n?.[key] ?? null
    const few = n !== null && !sampleEnough(n)
    const today = windows.today[key as keyof WindowFigures] as number | null
    return { key, today: few ? null : today, ytd: windows.ytd[key as keyof WindowFigures] as number | null, n, few }
  })

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

/** One ring of a rate: a track and an arc from 12 o'clock clockwise, in px of the panel body. */
export interface Ring {
  id: string
  cx: number
  cy: number
  r: number
  width: number
  color: string
  /** SVG `stroke-dasharray` of the arc: its length, then the rest of the circle. */
  dash: string
  /** False when the value is 0 or unknown: a round cap alone would still draw a dot. */
  visible: boolean
}

/** Arc of a fraction (0–1, clamped) on a circle of radius `r`, as an SVG dash array. */
export function ringDash(fraction: number | null, r: number): string {
  const c = 2 * Math.PI * r
  const f = fraction == null || !Number.isFinite(fraction) ? 0 : Math.min(1, Math.max(0, fraction))
  return `${(f * c).toFixed(2)} ${c.toFixed(2)}`
}

/**
 * Rings for the four rates in a panel body of `width`×`height` px: outer today, inner YTD; the
 * numbers are DOM text over them. SVG, so a changed rate repaints one arc, not a chart.
 */
export function rateRings(pairs: RatePair[], width: number, height: number): Ring[] {
  const radius = ringRadius(width, height)
  return pairs.flatMap((p, i) => {
    const cx = ringCenterX(i) * width
    const cy = 0.42 * height
    return [
      { id: `${p.key}-today`, cx, cy, r: radius - 6, width: 12, color: COLORS[p.key], dash: ringDash(p.today, radius - 6), visible: !!p.today },
      { id: `${p.key}-ytd`, cx, cy, r: radius - 20.5, width: 5, color: 'rgba(214, 230, 255, 0.55)', dash: ringDash(p.ytd, radius - 20.5), visible: !!p.ytd },
    ]
  })
}

/** Colour of a ring's empty track. */
export const RING_TRACK = 'rgba(80, 130, 200, 0.16)'
