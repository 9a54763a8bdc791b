/** How the design canvas is fitted to the stage (`?fit=`). */
export type FitMode = 'letterbox' | 'fill' | 'width' | 'height'

/** The fixed design canvas every panel is laid out on. */
export const DESIGN = { width: 1920, height: 1080 } as const

/** Result of fitting: the canvas size in design px, its scale and offset in stage px. */
export interface Fit {
  width: number
  height: number
  scaleX: number
  scaleY: number
  offsetX: number
  offsetY: number
}

/** Parses `?fit=`; anything unknown is letterbox. */
export const parseFitMode = (v: unknown): FitMode =>
  v === 'fill' || v === 'width' || v === 'height' ? v : 'letterbox'

/** Parses a positive pixel size from the query, or null. */
export function parsePixels(v: unknown): number | null {
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : NaN
  return Number.isFinite(n) && n >= 100 && n <= 32768 ? n : null
}

/**
 * Fits the design canvas into a stage of `stageW`×`stageH` px.
 * letterbox keeps the aspect and centres; fill stretches; width/height scale by one side and
 * extend the canvas along the other so a wide or tall wall is used without clipping.
 */
export function computeFit(stageW: number, stageH: number, mode: FitMode, design = DESIGN): Fit {
  const w = Math.max(1, stageW)
  const h = Math.max(1, stageH)
  if (mode === 'fill') {
    return { width: design.width, height: design.height, scaleX: w / design.width, scaleY: h / design.height, offsetX: 0, offsetY: 0 }
  }
  if (mode === 'width' || mode === 'height') {
    const s = mode === 'width' ? w / design.width : h / design.height
    const width = Math.max(design.width, w / s)
    const height = Math.max(design.height, h / s)
    return { width, height, scaleX: s, scaleY: s, offsetX: Math.max(0, (w - width * s) / 2), offsetY: Math.max(0, (h - height * s) / 2) }
  }
  const s = Math.min(w / design.width, h / design.height)
  return {
    width: design.width,
    height: design.height,
    scaleX: s,
    scaleY: s,
    offsetX: (w - design.width * s) / 2,
    offsetY: (h - design.height * s) / 2,
  }
}

/** Device pixel ratio for charts so canvases stay crisp at the fitted scale. */
export const chartPixelRatio = (fit: Fit, deviceRatio: number): number =>
  Math.max(1, Math.round(deviceRatio * Math.max(fit.scaleX, fit.scaleY) * 100) / 100)
