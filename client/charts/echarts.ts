// Only the chart types and components the wall's trends and the briefing draw, so the bundle stays
// small (the map, the channel ring, the rate rings and the category bars are SVG/DOM; the legend
// component is used by the briefing's charts).
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([CanvasRenderer, LineChart, BarChart, GridComponent, LegendComponent])
