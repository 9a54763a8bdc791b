import type { AreaGeometry, Position, Ring } from '../../shared/geo-types.ts'

/** Map units across the longer side of a map (its SVG viewBox), before the margin. */
export const MAP_UNITS = 1000

/** Points closer than this to the last one kept are dropped (map units; ≈ 0.3 px on the 1920×1080 canvas). */
export const SIMPLIFY_UNITS = 0.5

/** One child region as SVG: its boundary as a path, and its centre, in map units. */
export interface MapShape {
  code: string
  name: string
  /** SVG path data (even-odd rule for holes). */
  d: string
  /** The same boundary as rings of points (map units), for label placement and hit tests. */
  rings: [number, number][][]
  center: [number, number]
  schematic: boolean
}

/** A projected map: the viewBox size, its shapes, and the projection of a `[lon, lat]` position. */
export interface MapGeometry {
  width: number
  height: number
  shapes: MapShape[]
  project: (p: Position) => [number, number]
}

/** The features a region's `/geo` carries, as the map needs them. */
export interface MapFeature {
  properties: { code: string; name: string; center: Position; schematic: boolean }
  geometry: unknown
}

const ringsOf = (g: AreaGeometry): Ring[] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat())

const isArea = (g: unknown): g is AreaGeometry =>
  !!g && typeof g === 'object' && ((g as AreaGeometry).type === 'Polygon' || (g as AreaGeometry).type === 'MultiPolygon')

/**
 * Projects a region's children to SVG once per region: an equirectangular projection with the
 * longitude scaled by the cosine of the middle latitude (true shapes at Liaoning's latitudes),
 * north up, fitted to {@link MAP_UNITS} with a `margin` share on every side. Recolouring then
 * changes only each path's fill.
 */
export function projectMap(features: MapFeature[], margin = 0.03): MapGeometry {
  let minLon = Infinity
  let minLat = Infinity
  let maxLon = -Infinity
  let maxLat = -Infinity
  const areas = features.filter((f) => isArea(f.geometry))
  for (const f of areas)
    for (const ring of ringsOf(f.geometry as AreaGeometry))
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon
        if (lon > maxLon) maxLon = lon
        if (lat < minLat) minLat = lat
        if (lat > maxLat) maxLat = lat
      }
  if (!areas.length) return { width: MAP_UNITS, height: MAP_UNITS, shapes: [], project: () => [MAP_UNITS / 2, MAP_UNITS / 2] }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const spanX = Math.max(1e-9, (maxLon - minLon) * kx)
  const spanY = Math.max(1e-9, maxLat - minLat)
  const scale = MAP_UNITS / Math.max(spanX, spanY)
  const pad = MAP_UNITS * margin
  const width = spanX * scale + 2 * pad
  const height = spanY * scale + 2 * pad
  const project = ([lon, lat]: Position): [number, number] => [pad + (lon - minLon) * kx * scale, pad + (maxLat - lat) * scale]
  const shapes = areas.map((f) => {
    let d = ''
    const rings: [number, number][][] = []
    for (const ring of ringsOf(f.geometry as AreaGeometry)) {
      const pts = ringPoints(ring, project)
      if (pts.length < 3) continue
      rings.push(pts)
      d += `M${pts[0].map(r1).join(' ')}L${pts.slice(1).map((p) => p.map(r1).join(' ')).join(' ')}Z`
    }
    const c = project(f.properties.center)
    return { code: f.properties.code, name: f.properties.name, d, rings, center: c, schematic: f.properties.schematic }
  })
  return { width, height, shapes, project }
}

const r1 = (x: number) => Math.round(x * 10) / 10

/** One closed ring projected, dropping points within {@link SIMPLIFY_UNITS} of the last one kept. */
function ringPoints(ring: Ring, project: (p: Position) => [number, number]): [number, number][] {
  if (ring.length < 3) return []
  let [lx, ly] = project(ring[0])
  const out: [number, number][] = [[lx, ly]]
  for (let i = 1; i < ring.length; i++) {
    const [x, y] = project(ring[i])
    if (Math.abs(x - lx) < SIMPLIFY_UNITS && Math.abs(y - ly) < SIMPLIFY_UNITS) continue
    out.push([x, y])
    lx = x
    ly = y
  }
  return out
}

/** Map units → px in the box a map is drawn in. */
export type ToPx = (p: readonly [number, number]) => [number, number]

/** Where a map of `w`×`h` units sits in a `boxW`×`boxH` px box (centred, aspect kept): px per unit and offsets. */
export function fitMap(w: number, h: number, boxW: number, boxH: number): { scale: number; x: number; y: number } {
  const scale = Math.max(0, Math.min(boxW / w, boxH / h))
  return { scale, x: (boxW - w * scale) / 2, y: (boxH - h * scale) / 2 }
}
