import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import { CHANNELS, type Channel } from '../../shared/events.ts'
import { baseText, PALETTE } from './theme.ts'

/** 来源渠道 shares, in the contract's channel order, zeros left out. */
export function channelShares(byChannel: Partial<Record<Channel, number>>): { channel: Channel; value: number }[] {
  return CHANNELS.map((channel) => ({ channel, value: byChannel[channel] ?? 0 })).filter((c) => c.value > 0)
}

/** 来源渠道 as a ring with the share beside each slice. */
export function channelOption(byChannel: Partial<Record<Channel, number>>, tr: Translator): EChartsCoreOption {
  return {
    color: [...PALETTE.series],
    series: [
      {
        id: 'ch',
        type: 'pie',
        radius: ['42%', '66%'],
        center: ['50%', '54%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: PALETTE.bg, borderWidth: 2 },
        label: { ...baseText, formatter: '{b}\n{d}%', lineHeight: 20 },
        labelLine: { length: 8, length2: 8, lineStyle: { color: PALETTE.axis } },
        data: channelShares(byChannel).map((c) => ({ name: tr.t(`ch_${c.channel}`), value: c.value })),
      },
    ],
  }
}
