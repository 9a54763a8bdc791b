/// <reference lib="webworker" />
/**
 * The chart worker: draws the live wall's trend charts with ECharts on the OffscreenCanvases the
 * page transferred to it (zrender's single-canvas mode, as on canvas-only platforms), so a
 * redraw's model update, layout and paint run here and not on the page's main thread.
 * Text is drawn with the page's font: its faces are added to this worker's own font set and the
 * characters an option draws are loaded before the option is applied.
 */
import '../echarts.ts'
import { init, setPlatformAPI, type EChartsType } from 'echarts/core'
import { traceMark } from '../../measure/user-timing.ts'
import { optionFontNeeds } from './font-sources.ts'
import type { ChartCommand, ChartReport, ChartSize } from './protocol.ts'

declare const self: DedicatedWorkerGlobalScope

// zrender measures text on a canvas it creates: a worker has no document to create one from.
setPlatformAPI({ createCanvas: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement })

interface Chart {
  name: string
  canvas: OffscreenCanvas
  size: ChartSize
  chart: EChartsType
  /** Commands of this chart run in order (an option may wait for its font). */
  chain: Promise<void>
  /** Some of its text is bold (a later patch may bring new characters without saying so again). */
  bold: boolean
}

const charts = new Map<number, Chart>()
/** Set by the page when it is measured (`?trace=1`). */
let tracing = false

let family = ''
/** Characters whose faces are loaded, per weight. */
const loaded = { normal: new Set<string>(), bold: new Set<string>() }

/** Loads, once, the font faces the text of an option for chart `c` needs, in the weights it uses. */
async function ensureFont(option: unknown, c: Chart): Promise<void> {
  if (!family) return
  const { text, bold } = optionFontNeeds(option)
  c.bold ||= bold
  const weights = c.bold ? (['normal', 'bold'] as const) : (['normal'] as const)
  await Promise.all(
    weights.map(async (weight) => {
      const missing = [...text].filter((ch) => !loaded[weight].has(ch)).join('')
      if (!missing) return
      // A face that fails to load falls back to the next family, as on the page.
      await self.fonts.load(`${weight} 16px "${family}"`, missing).catch(() => undefined)
      for (const ch of missing) loaded[weight].add(ch)
    }),
  )
}

const create = (canvas: OffscreenCanvas, size: ChartSize): EChartsType =>
  init(canvas as unknown as HTMLElement, null, { renderer: 'canvas', width: size.width, height: size.height, devicePixelRatio: size.pixelRatio })

const report = (r: ChartReport) => self.postMessage(r)

function run(id: number, step: (c: Chart) => void | Promise<void>): void {
  const c = charts.get(id)
  if (!c) return
  c.chain = c.chain
    .then(() => (charts.get(id) === c ? step(c) : undefined))
    .catch((e: unknown) => report({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }))
}

function handle(cmd: ChartCommand): void {
  switch (cmd.type) {
    case 'fonts':
      family = cmd.family
      for (const f of cmd.fonts) {
        self.fonts.add(new FontFace(f.family, f.src, { unicodeRange: f.unicodeRange, weight: f.weight, style: f.style }))
      }
      return
    case 'init':
      try {
        charts.set(cmd.id, { name: cmd.name, canvas: cmd.canvas, size: cmd.size, chart: create(cmd.canvas, cmd.size), chain: Promise.resolve(), bold: false })
      } catch (e) {
        report({ type: 'error', id: cmd.id, message: e instanceof Error ? e.message : String(e) })
      }
      return
    case 'option':
      return run(cmd.id, async (c) => {
        await ensureFont(cmd.option, c)
        if (tracing) traceMark(`yiwang:chart:${c.name}`)
        c.chart.setOption(cmd.option, { notMerge: cmd.notMerge })
      })
    case 'resize':
      return run(cmd.id, (c) => {
        const { size } = cmd
        if (size.pixelRatio !== c.size.pixelRatio) {
          // The pixel ratio is fixed at init: a new instance on the same canvas, with the same option.
          const option = c.chart.getOption()
          c.chart.dispose()
          c.chart = create(c.canvas, size)
          c.chart.setOption(option)
        } else if (size.width !== c.size.width || size.height !== c.size.height) {
          c.chart.resize({ width: size.width, height: size.height })
        }
        c.size = size
      })
    case 'trace':
      tracing = true
      // Read by the browser tests through the worker (what each chart holds).
      ;(self as unknown as { __yiwangCharts: Map<number, Chart> }).__yiwangCharts = charts
      return
    case 'dispose': {
      const c = charts.get(cmd.id)
      if (!c) return
      charts.delete(cmd.id)
      // After the chart's pending commands (they see it gone and stop).
      void c.chain.then(() => c.chart.dispose())
      return
    }
  }
}

self.onmessage = (e: MessageEvent<ChartCommand>) => handle(e.data)
