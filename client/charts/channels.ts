import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import { CHANNELS, type Channel } from '../../shared/events.ts'
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

/** 来源渠道 as a ring (its legend with each channel's share is DOM, see {@link channelLegend}). */
export function channelOption(byChannel: Partial<Record<Channel, number>>, tr: Translator): EChartsCoreOption {
  const data = channelShares(byChannel).map((c, i) => ({ name: tr.t(`ch_${c.channel}`), value: c.value, itemStyle: { color: channelColor(i) } }))
  return {
    series: [
      {
        id: 'ch',
        type: 'pie',
        // The pie's own default tweens every update for 500 ms, a repaint each frame.
        animationDurationUpdate: 0,
        radius: ['45%', '72%'],
        center: ['30%', '50%'],
        itemStyle: { borderColor: PALETTE.bg, borderWidth: 2 },
        label: { show: false },
        data,
      },
    ],
  }
}
