/** Planar geometry helpers on lon/lat GeoJSON areas (small regions: lon/lat treated as a plane). */
import type { AreaGeometry, BBox, Position, Ring } from './geo-types.ts'

/** The polygons of an area geometry (a Polygon is one polygon). */
export function polygonsOf(g: AreaGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates
}

/** Wraps polygons as the simplest geometry: a Polygon when there is one. */
export function geometryOf(polygons: Ring[][]): AreaGeometry {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons }
}

/** Bounding box of an area geometry. */
export const bboxOf = (g: AreaGeometry): BBox => boundsOf(polygonsOf(g))

/** Bounds [x0, y0, x1, y1] of the outer rings of `polys` (lon/lat, or any plane). */
export function boundsOf(polys: readonly (readonly (readonly Position[])[])[]): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity]
  for (const poly of polys)
    for (const [x, y] of poly[0]) {
      if (x < b[0]) b[0] = x
      if (y < b[1]) b[1] = y
      if (x > b[2]) b[2] = x
      if (y > b[3]) b[3] = y
    }
  return b
}

/** Union of bounding boxes. */
export function mergeBBox(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]
}

/** Signed area of a ring (positive counter-clockwise). */
export function ringArea(ring: Ring): number {
  let s = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1])
  return s / 2
}

/** Area of an area geometry (holes subtracted), in square degrees. */
export function areaOf(g: AreaGeometry): number {
  let a = 0
  for (const poly of polygonsOf(g)) poly.forEach((ring, k) => (a += (k === 0 ? 1 : -1) * Math.abs(ringArea(ring))))
  return a
}

/** Area-weighted centroid (may lie outside a non-convex geometry). */
export function centroidOf(g: AreaGeometry): Position {
  let a = 0
  let cx = 0
  let cy = 0
  for (const poly of polygonsOf(g))
    poly.forEach((ring, k) => {
      const sign = (k === 0 ? 1 : -1) * Math.sign(ringArea(ring))
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const f = (ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]) * sign
        a += f
        cx += (ring[j][0] + ring[i][0]) * f
        cy += (ring[j][1] + ring[i][1]) * f
      }
    })
  return a === 0 ? polygonsOf(g)[0][0][0] : [cx / (3 * a), cy / (3 * a)]
}

/** Whether a point lies inside an area geometry (even-odd rule over all rings). */
export function contains(g: AreaGeometry, [x, y]: Position): boolean {
  let inside = false
  for (const poly of polygonsOf(g))
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]
        const [xj, yj] = ring[j]
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
      }
  return inside
}

/** Rounds to `digits` decimals (5 ≈ 1 m), dropping repeated points and collapsed rings. */
export function roundGeometry(g: AreaGeometry, digits = 5): AreaGeometry | undefined {
  const f = 10 ** digits
  const r = (v: number): number => Math.round(v * f) / f
  const polygons: Ring[][] = []
  for (const poly of polygonsOf(g)) {
    const rings: Ring[] = []
    for (const ring of poly) {
      const out: Ring = []
      for (const [x, y] of ring) {
        const p: Position = [r(x), r(y)]
        const last = out[out.length - 1]
        if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
      }
      if (out.length >= 4 && ringArea(out) !== 0) rings.push(out)
      else if (rings.length === 0) break // outer ring collapsed: drop the polygon
    }
    if (rings.length) polygons.push(rings)
  }
  return polygons.length ? geometryOf(polygons) : undefined
}

/** Rounds a position to `digits` decimals. */
export function roundPosition([x, y]: Position, digits = 5): Position {
  const f = 10 ** digits
  return [Math.round(x * f) / f, Math.round(y * f) / f]
}
