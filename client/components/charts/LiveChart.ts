import { h, type FunctionalComponent } from 'vue'
import { offscreenChartsSupported } from '../../charts/worker/chart-host.ts'
import { LazyChart } from './LazyChart.ts'
import OffscreenChart from './OffscreenChart.vue'

/** Props of a live wall chart. */
interface LiveChartProps {
  option: Record<string, unknown>
  traceName?: string
}

/** Without OffscreenCanvas: ECharts on the page, its redraws paced one per tick. */
const PagedChart: FunctionalComponent<LiveChartProps> = (props, { attrs }) => h(LazyChart, { ...attrs, ...props, live: true })
PagedChart.props = ['option', 'traceName']

/** A live wall chart: drawn in the chart worker where the browser can, else on the page. */
export const LiveChart = offscreenChartsSupported() ? OffscreenChart : PagedChart
