/** Colours and type of the LED-wall dark theme, shared by charts and CSS. */
export const PALETTE = {
  bg: '#020817',
  text: '#d6e6ff',
  textDim: '#8fb0d8',
  axis: '#2c4a73',
  split: 'rgba(64, 120, 200, 0.18)',
  accent: '#29d3ff',
  accepted: '#29d3ff',
  completed: '#3ee6a0',
  yesterday: '#7a8cad',
  warn: '#ffb429',
  danger: '#ff4d5e',
  series: ['#29d3ff', '#3ee6a0', '#ffb429', '#a97bff', '#ff7a45', '#4d8dff', '#f25fb8', '#9be15d'],
} as const

/** Font stack: the bundled Noto Sans SC first so walls without CJK fonts render Chinese. */
export const FONT_FAMILY = "'Noto Sans SC', 'Microsoft YaHei', sans-serif"

/** Minimum label size on the design canvas (legible across a room). */
export const MIN_FONT = 16

/** Text style every chart label starts from. */
export const baseText = { color: PALETTE.text, fontFamily: FONT_FAMILY, fontSize: MIN_FONT } as const

/** Category axis styling shared by the trend and ranking charts. */
export const axisStyle = {
  axisLine: { lineStyle: { color: PALETTE.axis } },
  axisTick: { show: false },
  axisLabel: { ...baseText, color: PALETTE.textDim },
  splitLine: { lineStyle: { color: PALETTE.split } },
} as const
