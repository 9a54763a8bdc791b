import type { EChartsCoreOption } from 'echarts/core'
import type { Translator } from '../i18n/translate.ts'
import { axisStyle, baseText, PALETTE } from './theme.ts'

/** The `n` largest categories, largest first; zero counts are left out. */
export function topCategories(byCategory: Record<string, number>, n = 10): { name: string; value: number }[] {
  return Object.entries(byCategory)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([name, value]) => ({ name, value }))
}

/** 诉求分类 TOP10 as horizontal bars, largest on top. */
export function categoryOption(byCategory: Record<string, number>, tr: Translator): EChartsCoreOption {
  const top = topCategories(byCategory).reverse()
  return {
    grid: { left: 8, right: 64, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: top.map((c) => tr.category(c.name)), ...axisStyle, axisLabel: { ...baseText }, axisLine: { show: false } },
    series: [
      {
        id: 'cat',
        type: 'bar',
        data: top.map((c) => c.value),
        barWidth: 14,
        showBackground: true,
        backgroundStyle: { color: 'rgba(41, 211, 255, 0.08)', borderRadius: 7 },
        itemStyle: { borderRadius: 7, color: { type: 'linear', x: 0, y: 0, x2: 1, y2: 0, colorStops: [{ offset: 0, color: '#1560bd' }, { offset: 1, color: PALETTE.accent }] } },
        label: { show: true, position: 'right', ...baseText, color: PALETTE.text },
      },
    ],
  }
}
