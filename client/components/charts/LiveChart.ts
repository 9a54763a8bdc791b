import type { EChartsCoreOption } from 'echarts/core'
import { defineComponent, h, type PropType } from 'vue'
import { chartWorkerFailed, offscreenChartsSupported } from '../../charts/worker/chart-host.ts'
import { LazyChart } from './LazyChart.ts'
import OffscreenChart from './OffscreenChart.vue'

/**
 * A live wall chart: drawn in the chart worker where the browser can, else (and from the moment
 * the worker fails) by ECharts on the page, its redraws paced one per tick.
 */
export const LiveChart = defineComponent({
  name: 'LiveChart',
  props: {
    option: { type: Object as PropType<EChartsCoreOption>, required: true },
    traceName: { type: String, default: undefined },
  },
  setup(props, { attrs }) {
    const inWorker = offscreenChartsSupported()
    return () =>
      inWorker && !chartWorkerFailed.value
        ? h(OffscreenChart, { ...attrs, option: props.option, traceName: props.traceName })
        : h(LazyChart, { ...attrs, option: props.option, traceName: props.traceName, live: true })
  },
})
