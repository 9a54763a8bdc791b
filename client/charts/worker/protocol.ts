/**
 * Messages between the wall and its chart worker: the live trend charts draw with ECharts on an
 * OffscreenCanvas in a worker, so their redraws (model, layout, canvas paint) leave the main thread.
 * Charts are numbered by the page; every message names its chart.
 */
import type { EChartsCoreOption } from 'echarts/core'

/** One `@font-face` of the page, for the worker's own font set (a worker does not see the page's CSS). */
export interface FontSource {
  family: string
  /** CSS `src` with absolute URLs. */
  src: string
  unicodeRange?: string
  weight?: string
  style?: string
}

/** A chart's size in CSS pixels of the design canvas, and the canvas pixels per CSS pixel. */
export interface ChartSize {
  width: number
  height: number
  pixelRatio: number
}

/** Page → worker. */
export type ChartCommand =
  | { type: 'fonts'; fonts: FontSource[]; family: string }
  | { type: 'init'; id: number; name: string; canvas: OffscreenCanvas; size: ChartSize }
  /** `notMerge`: the option replaces the chart's; otherwise it is merged (a patch). */
  | { type: 'option'; id: number; option: EChartsCoreOption; notMerge: boolean }
  | { type: 'resize'; id: number; size: ChartSize }
  | { type: 'dispose'; id: number }
  /** The page is measured (`?trace=1`): mark each redraw for traces and expose the charts to tests. */
  | { type: 'trace' }

/** Worker → page: a chart's command failed (the worker reports nothing else). */
export interface ChartReport {
  type: 'error'
  id: number
  message: string
}
