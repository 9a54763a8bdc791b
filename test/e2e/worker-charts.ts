/** What the wall's chart worker holds, read inside the worker (browser tests). */
import type { Page } from 'playwright-core'

/** One chart drawn by the worker. */
export interface WorkerChartState {
  name: string
  /** The canvas's size in pixels, and the size and pixel ratio the page asked for. */
  canvas: { width: number; height: number }
  size: { width: number; height: number; pixelRatio: number }
  /** Each series' data, as ECharts holds it. */
  series: (number | null)[][]
  /** The category axis labels. */
  categories: string[]
  /** Canvas pixels not fully transparent: what the chart actually painted. */
  paintedPixels: number
  /** The digits' font faces are loaded in the worker (true also when no face matches: see loadedFaces). */
  digitsFontLoaded: boolean
  /** Font faces of the bundled family loaded in the worker. */
  loadedFaces: number
}

/** The charts of the page's chart worker (empty when it has none or no worker runs). */
export async function workerCharts(page: Page): Promise<WorkerChartState[]> {
  const worker = page.workers().find((w) => w.url().includes('chart-worker'))
  if (!worker) return []
  return worker.evaluate(() => {
    type Held = { name: string; canvas: OffscreenCanvas; size: WorkerChartState['size']; chart: { getOption: () => Record<string, unknown> } }
    const scope = self as unknown as { __yiwangCharts?: Map<number, Held>; fonts: FontFaceSet }
    return [...(scope.__yiwangCharts?.values() ?? [])].map((c) => {
      const option = c.chart.getOption() as { series: { data: (number | null | { value: number })[] }[]; xAxis: { data: string[] }[] }
      const ctx = c.canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
      const pixels = ctx.getImageData(0, 0, c.canvas.width, c.canvas.height).data
      let painted = 0
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++
      return {
        name: c.name,
        canvas: { width: c.canvas.width, height: c.canvas.height },
        size: c.size,
        // A faded (partial) point is an item with its value and style.
        series: option.series.map((s) => s.data.map((d) => (d !== null && typeof d === 'object' ? d.value : d))),
        categories: option.xAxis[0]?.data ?? [],
        paintedPixels: painted,
        digitsFontLoaded: scope.fonts.check('16px "Noto Sans SC"', '0123456789'),
        loadedFaces: [...(scope.fonts as unknown as Iterable<FontFace>)].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded').length,
      }
    })
  })
}
