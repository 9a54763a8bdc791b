/**
 * The physical wall a page is shown on: its screens (a spliced 3×1, 4×2, 3×3 of LCD panels, one
 * LED surface, a portrait totem), the bezels between them, and the layout chosen for that shape.
 * Pure maths; `wall-layouts.ts` holds what each layout puts on each screen.
 */

/** The layouts the wall has, one per wall shape. */
export const LAYOUTS = ['16x9', '3x1', '4x1', '4x2', '3x3', 'portrait'] as const
export type LayoutName = (typeof LAYOUTS)[number]

/** Screens across and down of each layout (a 16:9 or portrait layout is one screen). */
export const LAYOUT_GRID: Record<LayoutName, { cols: number; rows: number }> = {
  '16x9': { cols: 1, rows: 1 },
  '3x1': { cols: 3, rows: 1 },
  '4x1': { cols: 4, rows: 1 },
  '4x2': { cols: 4, rows: 2 },
  '3x3': { cols: 3, rows: 3 },
  portrait: { cols: 1, rows: 1 },
}

/** A design screen's long side in design px (a landscape screen is 1920 wide, a portrait one 1920 tall). */
export const SCREEN_LONG = 1920
/** A design screen's short side for a 16:9 panel. */
export const SCREEN_SHORT = 1080

/** Where a layout's design canvas lands on the stage, and where its seams are. */
export interface WallShape {
  layout: LayoutName
  cols: number
  rows: number
  /** One screen in design px (the 16:9 screen is 1920×1080; its height follows the real screen's aspect). */
  screen: { width: number; height: number }
  /** The whole design canvas: cols × rows screens. */
  width: number
  height: number
  /** Stage px per design px, and the canvas offset on the stage (letterbox when the stage's aspect differs). */
  scale: number
  offsetX: number
  offsetY: number
  /** Bezel width in stage px: nothing is placed within half of it on either side of a seam. */
  bezel: number
  /** Padding kept inside every screen at each seam, in design px (half the bezel plus a gutter). */
  seamPad: number
}

/** Parses `?layout=`; null when absent or unknown. */
export const parseLayout = (v: unknown): LayoutName | null => (LAYOUTS.includes(v as LayoutName) ? (v as LayoutName) : null)

/** Parses `?grid=3x1` (screens across × down, 1–8 each); null when absent or malformed. */
export function parseGrid(v: unknown): { cols: number; rows: number } | null {
  const m = typeof v === 'string' ? /^([1-8])x([1-8])$/.exec(v) : null
  return m ? { cols: Number(m[1]), rows: Number(m[2]) } : null
}

/** Parses `?bezel=` in stage px (0–200); 0 when absent. */
export function parseBezel(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : NaN
  return Number.isFinite(n) && n >= 0 && n <= 200 ? n : 0
}

/** A gutter kept between a panel and a seam besides the bezel, design px. */
export const SEAM_GUTTER = 12

/** The layout whose screen grid matches a wall grid, if any. */
function layoutOfGrid(g: { cols: number; rows: number }, portrait: boolean): LayoutName | null {
  if (g.cols === 1 && g.rows === 1) return portrait ? 'portrait' : '16x9'
  const hit = LAYOUTS.find((l) => l !== 'portrait' && LAYOUT_GRID[l].cols === g.cols && LAYOUT_GRID[l].rows === g.rows)
  return hit ?? null
}

/** The smallest scale (stage px per design px) a multi-screen layout is chosen at from the size alone. */
export const MIN_AUTO_SCALE = 0.85

/**
 * Picks the layout for a stage of `w`×`h` px: the one whose canvas aspect is nearest the stage's
 * among those that keep the text at least {@link MIN_AUTO_SCALE} of its design size; a tall stage
 * gets the portrait layout. Today's 16:9 layout when nothing else fits.
 */
export function pickLayout(w: number, h: number): LayoutName {
  const aspect = w / Math.max(1, h)
  if (aspect < 0.8) return 'portrait'
  let best: LayoutName = '16x9'
  let bestErr = Math.abs(Math.log(aspect / (SCREEN_LONG / SCREEN_SHORT)))
  for (const l of LAYOUTS) {
    if (l === 'portrait' || l === '16x9') continue
    const { cols, rows } = LAYOUT_GRID[l]
    const err = Math.abs(Math.log(aspect / ((cols * SCREEN_LONG) / (rows * SCREEN_SHORT))))
    const scale = Math.min(w / (cols * SCREEN_LONG), h / (rows * SCREEN_SHORT))
    if (scale >= MIN_AUTO_SCALE && err < bestErr - 1e-6) {
      best = l
      bestErr = err
    }
  }
  return best
}

/** Options of {@link wallShape}. */
export interface WallShapeOptions {
  /** Forced layout (`?layout=`). */
  layout?: LayoutName | null
  /** The physical screens (`?grid=`); the layout's own grid when absent. */
  grid?: { cols: number; rows: number } | null
  /** Bezel width in stage px (`?bezel=`). */
  bezel?: number
}

/**
 * The shape of a stage of `w`×`h` px: the layout, one screen in design px (1920 wide, or 1080 for
 * portrait, its height from the real screen's aspect so seams fall exactly between design screens),
 * and the uniform scale. When a forced layout's screens do not match the wall's grid the canvas is
 * letterboxed, and the seams the stage has are still kept clear by `seamPad` only where they align.
 */
export function wallShape(w: number, h: number, opts: WallShapeOptions = {}): WallShape {
  const stageW = Math.max(1, w)
  const stageH = Math.max(1, h)
  const layout = opts.layout ?? (opts.grid ? layoutOfGrid(opts.grid, stageW < stageH) : null) ?? pickLayout(stageW, stageH)
  const { cols, rows } = LAYOUT_GRID[layout]
  const cellW = stageW / cols
  const cellH = stageH / rows
  const portrait = layout === 'portrait'
  const nominal = portrait ? SCREEN_SHORT / SCREEN_LONG : SCREEN_LONG / SCREEN_SHORT
  // A screen keeps the design width; its height follows the real screen within ±25 % of nominal,
  // beyond that the canvas is letterboxed.
  const screenAspect = Math.min(nominal * 1.25, Math.max(nominal / 1.25, cellW / cellH))
  const screenW = portrait ? SCREEN_SHORT : SCREEN_LONG
  const screen = { width: screenW, height: Math.round(screenW / screenAspect) }
  const width = cols * screen.width
  const height = rows * screen.height
  const scale = Math.min(stageW / width, stageH / height)
  const bezel = opts.bezel ?? 0
  return {
    layout,
    cols,
    rows,
    screen,
    width,
    height,
    scale,
    offsetX: (stageW - width * scale) / 2,
    offsetY: (stageH - height * scale) / 2,
    bezel,
    seamPad: bezel / 2 / scale + SEAM_GUTTER,
  }
}

/** The seams of a shape in stage px: x of each vertical seam, y of each horizontal one. */
export function seamsOf(s: WallShape): { xs: number[]; ys: number[] } {
  const xs = Array.from({ length: s.cols - 1 }, (_, i) => s.offsetX + (i + 1) * s.screen.width * s.scale)
  const ys = Array.from({ length: s.rows - 1 }, (_, i) => s.offsetY + (i + 1) * s.screen.height * s.scale)
  return { xs, ys }
}
