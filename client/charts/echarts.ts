// Only the chart types and components the wall draws, so the bundle stays small.
import { BarChart, GaugeChart, LineChart, MapChart, PieChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components'
import { registerMap, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([CanvasRenderer, LineChart, BarChart, PieChart, GaugeChart, MapChart, GridComponent, LegendComponent, GeoComponent, VisualMapComponent])

export { registerMap }
