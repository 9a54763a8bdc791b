/** Convex Voronoi/power cells of sites, and their intersection with a (non-convex) parent. */
import { Delaunay } from 'd3-delaunay'
import polygonClipping from 'polygon-clipping'
import { areaOf, geometryOf, ringArea } from '../../shared/geo-math.ts'
import type { XY } from './geo-samples.ts'

/** Keeps the side `a·x + b·y <= c` of a convex polygon (open ring). */
function clipHalfPlane(poly: XY[], a: number, b: number, c: number): XY[] {
  const out: XY[] = []
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]
    const q = poly[(i + 1) % poly.length]
    const fp = a * p[0] + b * p[1] - c
    const fq = a * q[0] + b * q[1] - c
    if (fp <= 0) out.push(p)
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq)
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    }
  }
  return out
}

/** Whether all points lie on one line (up to rounding). */
function collinear(points: XY[]): boolean {
  const [a, b] = points
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const len = Math.hypot(dx, dy)
  return points.every((p) => Math.abs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) <= 1e-9 * len)
}

/** Whether `p` lies inside the convex polygon `poly` (open ring, either orientation). */
function insideConvex(poly: XY[], p: XY): boolean {
  let sign = 0
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i]
    const [bx, by] = poly[(i + 1) % poly.length]
    const s = Math.sign((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax))
    if (s !== 0 && sign !== 0 && s !== sign) return false
    if (s !== 0) sign = s
  }
  return true
}

/** Convex cells of the power diagram of `sites` with `weights` (all zero: Voronoi), within `box`. */
export function convexCells(sites: XY[], weights: number[], box: [number, number, number, number]): XY[][] {
  // d3-delaunay drops or mixes up cells when all sites are collinear; half-planes handle that.
  if (weights.every((w) => w === 0) && !collinear(sites)) {
    const voronoi = Delaunay.from(sites).voronoi(box)
    const cells = sites.map((_, i) => (voronoi.cellPolygon(i) ?? []).slice(0, -1) as XY[])
    if (cells.every((c, i) => c.length >= 3 && insideConvex(c, sites[i]))) return cells
  }
  const [bx0, by0, bx1, by1] = box
  return sites.map((p, i) => {
    let cell: XY[] = [[bx0, by0], [bx1, by0], [bx1, by1], [bx0, by1]]
    for (let j = 0; j < sites.length && cell.length; j++) {
      if (j === i) continue
      const q = sites[j]
      const c = q[0] * q[0] + q[1] * q[1] - p[0] * p[0] - p[1] * p[1] - weights[j] + weights[i]
      cell = clipHalfPlane(cell, 2 * (q[0] - p[0]), 2 * (q[1] - p[1]), c)
    }
    return cell
  })
}

/** Sutherland–Hodgman: the part of a ring on the inner side of a convex polygon (may hold bridges). */
function clipRingToConvex(ring: XY[], cell: XY[], orient: number): XY[] {
  let out = ring
  for (let e = 0; e < cell.length && out.length; e++) {
    const [ax, ay] = cell[e]
    const [bx, by] = cell[(e + 1) % cell.length]
    const side = (p: XY): number => orient * ((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax))
    const input = out
    out = []
    for (let i = 0; i < input.length; i++) {
      const p = input[i]
      const q = input[(i + 1) % input.length]
      const sp = side(p)
      const sq = side(q)
      if (sp >= 0) out.push(p)
      if ((sp > 0 && sq < 0) || (sp < 0 && sq > 0)) {
        const t = sp / (sp - sq)
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
      }
    }
  }
  return out
}

/**
 * Parent ∩ convex cell: a Sutherland–Hodgman cut (fast, exact, but a non-convex parent leaves
 * zero-width bridges along the cell's edges), then polygon-clipping dissolves the bridges.
 */
export function intersectConvex(polys: XY[][][], cell: XY[]): XY[][][] {
  const closed = [...cell, cell[0]]
  const orient = Math.sign(ringArea(closed)) || 1
  const rough: XY[][][] = []
  for (const poly of polys) {
    const outer = clipRingToConvex(poly[0].slice(0, -1), cell, orient)
    if (outer.length < 3) continue
    const rings = [outer, ...poly.slice(1).map((r) => clipRingToConvex(r.slice(0, -1), cell, orient)).filter((r) => r.length >= 3)]
    rough.push(rings.map((r) => [...r, r[0]]))
  }
  if (!rough.length) return []
  // The rough cut already lies inside the cell: a self-union only dissolves its bridges. (An
  // intersection with the cell again misclassifies edges that lie on the cell's own edges.)
  try {
    const clean = polygonClipping.union(rough)
    const before = rough.reduce((a, p) => a + areaOf(geometryOf([p])), 0)
    const after = clean.reduce((a, p) => a + areaOf(geometryOf([p])), 0)
    return Math.abs(after - before) <= before * 1e-6 ? clean : rough
  } catch {
    return rough // polygon-clipping fails on rare near-degenerate input; the rough cut is the same area
  }
}

