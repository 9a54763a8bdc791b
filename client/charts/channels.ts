import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import { CHANNELS, type Channel } from '../../shared/events.ts'
import { baseText, PALETTE } from './theme.ts'

/** 来源渠道 shares, in the contract's channel order, zeros left out. */
export function channelShares(byChannel: Partial<Record<Channel, number>>): { channel: Channel; value: number }[] {
  return CHANNELS.map((channel) => ({ channel, value: byChannel[channel] ?? 0 })).filter((c) => c.value > 0)
}

/** 来源渠道 as a ring, with a legend giving each channel's share. */
export function channelOption(byChannel: Partial<Record<Channel, number>>, tr: Translator): EChartsCoreOption {
  const shares = channelShares(byChannel)
  const total = shares.reduce((a, c) => a + c.value, 0) || 1
  const data = shares.map((c) => ({ name: tr.t(`ch_${c.channel}`), value: c.value }))
  const pct = new Map(data.map((d) => [d.name, `${((d.value / total) * 100).toFixed(1)}%`]))
  return {
    color: [...PALETTE.series],
    legend: {
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemWidth: 12,
      itemHeight: 12,
      itemGap: 8,
      textStyle: { ...baseText, rich: { p: { ...baseText, color: PALETTE.accent, width: 56, align: 'right' } } },
      formatter: (name: string) => `${name} {p|${pct.get(name) ?? ''}}`,
    },
    series: [
      {
        id: 'ch',
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['30%', '50%'],
        itemStyle: { borderColor: PALETTE.bg, borderWidth: 2 },
        label: { show: false },
        data,
      },
    ],
  }
}
