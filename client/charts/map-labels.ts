/**
 * Map labels placed inside their own polygons without colliding: each label goes to the interior
 * point with most room that is free, smallest regions first (they have the fewest choices); a label
 * that finds no free place inside is set in free space nearby with a leader line to its region.
 * Everything stays inside the map's box and off the legend.
 */
import { insideRings, interiorPoints, ringsBox, type Rings, type XY } from './map-polygons.ts'

/** A region to label, in panel px. */
export interface LabelInput {
  code: string
  name: string
  rings: Rings
  /** The region's own centre (a fallback anchor). */
  center: XY
}

/** A placed label: its box centre, and the anchor its leader line starts from (null when it sits inside). */
export interface MapLabel {
  code: string
  name: string
  x: number
  y: number
  w: number
  h: number
  leader: XY | null
}

/** A rectangle in px: left, top, right, bottom. */
export type Box = [number, number, number, number]

/** Name font size and the value line under it, px (MapLabelLayer's `.label`). */
export const LABEL_NAME_PX = 16
export const LABEL_LINE_PX = 40
/** Room kept for the value line (six figures or a percentage). */
const VALUE_CHARS_PX = 6 * 9.5

/** Approximate box of a label: the name (CJK glyphs are square, Latin about half) over one line of value. */
export function labelBox(name: string): { w: number; h: number } {
  let w = 0
  for (const ch of name) w += /[\u2e80-\uffff]/.test(ch) ? LABEL_NAME_PX : LABEL_NAME_PX * 0.58
  return { w: Math.ceil(Math.max(w, VALUE_CHARS_PX) + 10), h: LABEL_LINE_PX }
}

const overlaps = (a: Box, b: Box, gap = 2) => a[0] < b[2] + gap && b[0] < a[2] + gap && a[1] < b[3] + gap && b[1] < a[3] + gap
const within = (a: Box, bounds: Box) => a[0] >= bounds[0] && a[1] >= bounds[1] && a[2] <= bounds[2] && a[3] <= bounds[3]
const boxAt = ([x, y]: XY, w: number, h: number): Box => [x - w / 2, y - h / 2, x + w / 2, y + h / 2]
/** Whether a box lies inside the rings: its centre, corners and edge midpoints. */
const boxInside = (rings: Rings, b: Box) => {
  const xs = [b[0] + 1, (b[0] + b[2]) / 2, b[2] - 1]
  const ys = [b[1] + 1, (b[1] + b[3]) / 2, b[3] - 1]
  return xs.every((x) => ys.every((y) => insideRings(rings, [x, y])))
}

/** Options of {@link placeLabels}. */
export interface PlaceOptions {
  /** Where labels may go (the map's box less a margin). */
  bounds: Box
  /** Boxes labels must keep off (the legend, the point-layer key). */
  obstacles?: Box[]
}

/**
 * Places every region's label: inside its polygon where a free spot exists (the whole box inside
 * when possible), else in the nearest free space with a leader line. Deterministic for one input.
 */
export function placeLabels(regions: LabelInput[], opts: PlaceOptions): MapLabel[] {
  const { bounds } = opts
  const taken: Box[] = [...(opts.obstacles ?? [])]
  const prepared = regions.map((r) => {
    const pts = interiorPoints(r.rings)
    const [x0, y0, x1, y1] = ringsBox(r.rings)
    return { r, pts, area: (x1 - x0) * (y1 - y0), size: labelBox(r.name) }
  })
  // The smallest regions first: the large ones have room to spare.
  const order = [...prepared].sort((a, b) => a.area - b.area || a.r.code.localeCompare(b.r.code))
  const placed = new Map<string, MapLabel>()
  for (const { r, pts, size } of order) {
    const { w, h } = size
    const free = (b: Box) => within(b, bounds) && !taken.some((t) => overlaps(t, b))
    const candidates: XY[] = [...pts.map((p) => p.at)]
    if (insideRings(r.rings, r.center)) candidates.splice(1, 0, r.center)
    // Whole box inside the polygon first, then the centre alone inside.
    let at: XY | null = candidates.find((c) => free(boxAt(c, w, h)) && boxInside(r.rings, boxAt(c, w, h))) ?? null
    at ??= candidates.find((c) => free(boxAt(c, w, h))) ?? null
    let leader: XY | null = null
    if (!at) {
      const anchor = pts[0]?.at ?? r.center
      at = nearestFree(anchor, w, h, free)
      leader = anchor
    }
    const b = boxAt(at, w, h)
    taken.push(b)
    placed.set(r.code, { code: r.code, name: r.name, x: at[0], y: at[1], w, h, leader })
  }
  return regions.map((r) => placed.get(r.code)!)
}

/** The free spot nearest `anchor` for a `w`×`h` box: rings of growing radius, 24 directions each. */
function nearestFree(anchor: XY, w: number, h: number, free: (b: Box) => boolean): XY {
  for (let radius = Math.max(w, h) * 0.6; radius < 2400; radius += 12) {
    for (let k = 0; k < 24; k++) {
      const a = (k / 24) * 2 * Math.PI
      const c: XY = [anchor[0] + radius * Math.cos(a), anchor[1] + radius * Math.sin(a)]
      if (free(boxAt(c, w, h))) return c
    }
  }
  return anchor
}

/** The end of a leader line at the edge of a label's box, on the line towards its anchor. */
export function leaderEnd(l: MapLabel): XY {
  if (!l.leader) return [l.x, l.y]
  const dx = l.leader[0] - l.x
  const dy = l.leader[1] - l.y
  const t = Math.min(Math.abs(l.w / 2 / (dx || 1e-9)), Math.abs(l.h / 2 / (dy || 1e-9)), 1)
  return [l.x + dx * t, l.y + dy * t]
}

/** Relative luminance of a `#rrggbb` colour (WCAG). */
export function luminance(hex: string): number {
  const ch = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
}

/** Label ink for a fill: dark on a light fill, white on a dark one (whichever contrasts more). */
export function labelInk(fill: string): { name: string; value: string; halo: string } {
  const l = /^#[0-9a-f]{6}$/i.test(fill) ? luminance(fill) : 0
  // Contrast against white (1.05 / (l + 0.05)) beats contrast against near-black above l ≈ 0.18.
  return l > 0.18 ? { name: '#04122a', value: '#5b2a00', halo: 'rgba(255,255,255,0.75)' } : { name: '#ffffff', value: '#ffe08a', halo: '#000' }
}
