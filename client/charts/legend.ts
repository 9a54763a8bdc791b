/** One entry of a chart's DOM legend: a swatch (line, dashed line, bar or dot), a name, optionally a figure. */
export interface LegendItem {
  name: string
  color: string
  mark: 'line' | 'dashed' | 'bar' | 'dot'
  value?: string
}
