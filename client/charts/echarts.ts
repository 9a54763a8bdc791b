// Only the chart types and components the wall and the briefing draw, so the bundle stays small
// (the rate rings and the category bars are SVG/DOM; the legend is used by the briefing's charts).
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components'
import { registerMap, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([CanvasRenderer, LineChart, BarChart, PieChart, MapChart, GridComponent, LegendComponent, GeoComponent, VisualMapComponent])

export { registerMap }
