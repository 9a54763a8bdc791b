import { defineAsyncComponent } from 'vue'

/** WallChart loaded on demand: ECharts stays out of the first chunk, so figures show first. */
export const LazyChart = defineAsyncComponent(() => import('./WallChart.vue'))
