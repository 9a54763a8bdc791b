// Only the chart types and components the wall and the briefing draw, so the bundle stays small
// (the map, the rate rings and the category bars are SVG/DOM; the legend is used by the briefing's charts).
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([CanvasRenderer, LineChart, BarChart, PieChart, GridComponent, LegendComponent])
