/**
 * The page's side of the chart worker: one worker for the page, started with the first chart
 * that needs it, given the page's font faces before anything else; charts are numbered here.
 */
import { shallowRef } from 'vue'
import { measure } from '../../measure/hook.ts'
import { FONT_FAMILY } from '../theme.ts'
import { fontSources, primaryFamily } from './font-sources.ts'
import type { ChartCommand, ChartReport, ChartSize } from './protocol.ts'

/** Whether this browser can draw charts in a worker (OffscreenCanvas transferred from a canvas). */
export const offscreenChartsSupported = (): boolean =>
  typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && typeof HTMLCanvasElement !== 'undefined' && 'transferControlToOffscreen' in HTMLCanvasElement.prototype

/** A chart drawn by the worker. */
export interface WorkerChart {
  setOption: (option: Record<string, unknown>, notMerge: boolean) => void
  resize: (size: ChartSize) => void
  dispose: () => void
}

/** Set when the worker cannot start or dies: from then on the live charts draw on the page. */
export const chartWorkerFailed = shallowRef(false)

let worker: Worker | null = null
let nextId = 1

function post(cmd: ChartCommand, transfer: Transferable[] = []): void {
  worker?.postMessage(cmd, transfer)
}

function start(): Worker {
  const w = new Worker(new URL('./chart-worker.ts', import.meta.url), { type: 'module', name: 'yiwang-charts' })
  w.onmessage = (e: MessageEvent<ChartReport>) => console.error(`chart ${e.data.id} in the worker: ${e.data.message}`)
  // Its script failed to load, or an error escaped it: its charts are gone with it.
  w.onerror = (e) => {
    e.preventDefault()
    fail(`chart worker failed: ${e.message || 'its script did not load'}`)
  }
  worker = w
  const family = primaryFamily(FONT_FAMILY)
  post({ type: 'fonts', family, fonts: fontSources(document.styleSheets, family, document.baseURI) })
  if (measure.enabled) post({ type: 'trace' })
  return w
}

function fail(reason: string): void {
  console.error(reason)
  worker?.terminate()
  worker = null
  chartWorkerFailed.value = true
}

/** Hands `canvas` to the worker (it can no longer be drawn on here) and returns the chart drawn on it. */
export function attachWorkerChart(canvas: HTMLCanvasElement, name: string, size: ChartSize): WorkerChart {
  if (!worker) start()
  const id = nextId++
  const offscreen = canvas.transferControlToOffscreen()
  post({ type: 'init', id, name, canvas: offscreen, size }, [offscreen])
  return {
    setOption: (option, notMerge) => post({ type: 'option', id, option, notMerge }),
    resize: (s) => post({ type: 'resize', id, size: s }),
    dispose: () => post({ type: 'dispose', id }),
  }
}
