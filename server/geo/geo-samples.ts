/** Interior sample points of a polygon in a local plane, and the seeded randomness behind them. */
import { bboxOf, boundsOf } from '../../shared/geo-math.ts'
import type { AreaGeometry, Position } from '../../shared/geo-types.ts'

/** A point in a local plane. */
export type XY = [number, number]

/** Maps lon/lat to a plane around a geometry and back. */
export interface LocalPlane {
  to(p: Position): XY
  from(p: XY): Position
}

/** Plane around the geometry's centre, unit-sized: lon scaled by cos(lat) so cells are not stretched east–west. */
export function localPlane(g: AreaGeometry): LocalPlane {
  const [x0, y0, x1, y1] = bboxOf(g)
  const cx = (x0 + x1) / 2
  const cy = (y0 + y1) / 2
  const k = Math.cos((cy * Math.PI) / 180)
  // Unit scale: polygon-clipping is more robust on coordinates of order 1 than on tiny ones.
  const u = Math.max((x1 - x0) * k, y1 - y0) || 1
  return { to: ([x, y]) => [((x - cx) * k) / u, (y - cy) / u], from: ([x, y]) => [(x * u) / k + cx, y * u + cy] }
}

/** Sorted x crossings of the horizontal line `y` with all rings (even–odd pairs are inside). */
function crossings(polys: XY[][][], y: number): number[] {
  const xs: number[] = []
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]
        const [xj, yj] = ring[j]
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi)
      }
  return xs.sort((a, b) => a - b)
}

const insideRow = (xs: number[], x: number): boolean => {
  let n = 0
  while (n < xs.length && xs[n] < x) n++
  return n % 2 === 1
}

/**
 * Jittered lattice points inside the polygons, each at least a third of the spacing from the
 * edge along both axes; the spacing is refined until there are at least `min` of them.
 */
export function interiorSamples(polys: XY[][][], area: number, target: number, min: number, rand: () => number): XY[] {
  const [x0, y0, x1, y1] = boundsOf(polys)
  let s = Math.sqrt(area / target) || (x1 - x0 + y1 - y0) / 16
  for (let attempt = 0; attempt < 6; attempt++, s /= 2) {
    const out: XY[] = []
    const m = s / 3
    for (let row = 0, y = y0 + s / 2; y < y1; row++, y += s) {
      const mid = crossings(polys, y)
      if (!mid.length) continue
      const below = crossings(polys, y - m)
      const above = crossings(polys, y + m)
      for (let x = x0 + ((row % 2) + 0.5) * (s / 2); x < x1; x += s) {
        const px = x + (rand() - 0.5) * 0.6 * s
        if ([px - m, px, px + m].every((v) => insideRow(mid, v)) && insideRow(below, px) && insideRow(above, px))
          out.push([px, y])
      }
    }
    if (out.length >= min) return out
  }
  throw new Error('schematicCells: parent polygon has no interior')
}
