import type { Translator } from '../i18n/translate.ts'
import { CHANNELS, type Channel } from '../../shared/enums.ts'
import type { LegendItem } from './legend.ts'
import { PALETTE } from './theme.ts'

/** 来源渠道 shares, in the contract's channel order, zeros left out. */
export function channelShares(byChannel: Partial<Record<Channel, number>>): { channel: Channel; value: number }[] {
  return CHANNELS.map((channel) => ({ channel, value: byChannel[channel] ?? 0 })).filter((c) => c.value > 0)
}

/** Colour of the `i`-th channel shown (the ring and its legend agree). */
const channelColor = (i: number): string => PALETTE.series[i % PALETTE.series.length]

/** The ring's legend (DOM): each channel with its share of the total. */
export function channelLegend(byChannel: Partial<Record<Channel, number>>, tr: Translator): LegendItem[] {
  const shares = channelShares(byChannel)
  const total = shares.reduce((a, c) => a + c.value, 0) || 1
  return shares.map((c, i) => ({ name: tr.t(`ch_${c.channel}`), color: channelColor(i), mark: 'dot', value: `${((c.value / total) * 100).toFixed(1)}%` }))
}

/** The ring in a 100×100 viewBox: centre, radius of its middle line, and width. */
export const DONUT = { cx: 50, cy: 50, r: 29.25, width: 13.5 } as const

/** One channel's arc of the ring: an SVG dash from 12 o'clock clockwise. */
export interface DonutArc {
  channel: Channel
  color: string
  /** `stroke-dasharray`: the arc, then the rest of the circle. */
  dash: string
  /** `stroke-dashoffset`: where the arc starts along the circle. */
  offset: string
}

/**
 * 来源渠道 as ring arcs, one per channel with requests, in the legend's order and colours, each
 * `gap` (viewBox units) short of the next so the slices stay apart. SVG: a changed share moves
 * a few dashes instead of redrawing a chart.
 */
export function channelArcs(byChannel: Partial<Record<Channel, number>>, gap = 0.8): DonutArc[] {
  const shares = channelShares(byChannel)
  const total = shares.reduce((a, c) => a + c.value, 0)
  if (!total) return []
  const circumference = 2 * Math.PI * DONUT.r
  const g = shares.length > 1 ? gap : 0
  let start = 0
  return shares.map((c, i) => {
    const len = (c.value / total) * circumference
    const arc = Math.max(0, len - g)
    const out = { channel: c.channel, color: channelColor(i), dash: `${arc.toFixed(2)} ${(circumference - arc).toFixed(2)}`, offset: (-start).toFixed(2) }
    start += len
    return out
  })
}
