// Only the chart types and components the wall draws, so the bundle stays small.
import { BarChart, EffectScatterChart, GaugeChart, LineChart, MapChart, PieChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components'
import { registerMap, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([CanvasRenderer, LineChart, BarChart, PieChart, GaugeChart, MapChart, EffectScatterChart, GridComponent, LegendComponent, GeoComponent, VisualMapComponent])

export { registerMap }
