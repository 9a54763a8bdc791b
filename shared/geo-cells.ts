/** Schematic boundaries: one generated cell per child region inside its parent's polygon. */
import { Delaunay } from 'd3-delaunay'
import polygonClipping from 'polygon-clipping'
import type { AreaGeometry, Position } from './geo-types.ts'
import { areaOf, bboxOf, centroidOf, geometryOf, polygonsOf, ringArea, roundGeometry, roundPosition } from './geo-math.ts'

/** A child region to place; `weight` (default 1, e.g. its grid count) sets its share of the area. */
export interface CellChild {
  code: string
  weight?: number
}

/** A generated cell: boundary inside the parent, and a centre inside both. */
export interface SchematicCell {
  code: string
  center: Position
  geometry: AreaGeometry
}

/** Tuning of {@link schematicCells}. */
export interface CellOptions {
  /** Relaxation rounds (Lloyd steps, and weight fitting when weights differ). @default 10 */
  rounds?: number
  /** Interior sample points per child, the resolution of the relaxation. @default 40 */
  samplesPerCell?: number
  /** Decimals kept in coordinates (5 ≈ 1 m). @default 5 */
  digits?: number
}

type XY = [number, number]

/** Plane around the parent's centre, unit-sized: lon scaled by cos(lat) so cells are not stretched east–west. */
interface LocalPlane {
  to(p: Position): XY
  from(p: XY): Position
}

function localPlane(g: AreaGeometry): LocalPlane {
  const [x0, y0, x1, y1] = bboxOf(g)
  const cx = (x0 + x1) / 2
  const cy = (y0 + y1) / 2
  const k = Math.cos((cy * Math.PI) / 180)
  // Unit scale: polygon-clipping is more robust on coordinates of order 1 than on tiny ones.
  const u = Math.max((x1 - x0) * k, y1 - y0) || 1
  return { to: ([x, y]) => [((x - cx) * k) / u, (y - cy) / u], from: ([x, y]) => [(x * u) / k + cx, y * u + cy] }
}

/** FNV-1a hash of a string, as a 32-bit seed. */
function hashSeed(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/** mulberry32: small seeded PRNG returning floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
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
function interiorSamples(polys: XY[][][], area: number, target: number, min: number, rand: () => number): XY[] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const poly of polys)
    for (const [x, y] of poly[0]) {
      x0 = Math.min(x0, x)
      y0 = Math.min(y0, y)
      x1 = Math.max(x1, x)
      y1 = Math.max(y1, y)
    }
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
function convexCells(sites: XY[], weights: number[], box: [number, number, number, number]): XY[][] {
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

/** Index of the site with the least power distance to `x`. */
function nearestSite(x: XY, sites: XY[], weights: number[]): number {
  let best = 0
  let bestD = Infinity
  for (let i = 0; i < sites.length; i++) {
    const dx = x[0] - sites[i][0]
    const dy = x[1] - sites[i][1]
    const d = dx * dx + dy * dy - weights[i]
    if (d < bestD) {
      bestD = d
      best = i
    }
  }
  return best
}

/** Whether every site lies strictly inside its own power cell. */
function sitesOwnCells(sites: XY[], weights: number[]): boolean {
  return sites.every((p, i) => nearestSite(p, sites, weights) === i)
}

/**
 * Relaxes sites over the samples: each round moves a site to the sample of its cell nearest the
 * cell's centroid (so sites stay distinct and inside the parent) and, with weights, grows or
 * shrinks the cell towards its share of the samples.
 */
function relax(samples: XY[], start: number[], shares: number[] | undefined, rounds: number, sampleArea: number) {
  const n = start.length
  const siteOf = start.slice()
  const sites = (): XY[] => siteOf.map((k) => samples[k])
  const weights = new Array<number>(n).fill(0)
  for (let round = 0; round < rounds; round++) {
    const current = sites()
    const owner = samples.map((x) => nearestSite(x, current, weights))
    const count = new Array<number>(n).fill(0)
    const sum = current.map((): XY => [0, 0])
    owner.forEach((o, k) => {
      count[o]++
      sum[o][0] += samples[k][0]
      sum[o][1] += samples[k][1]
    })
    const best = new Array<number>(n).fill(Infinity)
    const next = siteOf.slice()
    owner.forEach((o, k) => {
      const d = (samples[k][0] - sum[o][0] / count[o]) ** 2 + (samples[k][1] - sum[o][1] / count[o]) ** 2
      if (d < best[o]) {
        best[o] = d
        next[o] = k
      }
    })
    // A site that lost all its samples keeps its place unless another site moved onto it.
    const taken = new Set(next.filter((_, i) => count[i] > 0))
    for (let i = 0; i < n; i++) if (count[i] === 0 && taken.has(next[i])) next[i] = freeSampleNear(samples, samples[next[i]], taken)
    siteOf.splice(0, n, ...next)
    if (shares) {
      let mean = 0
      for (let i = 0; i < n; i++) {
        // Raising a power weight by δ grows the cell by ≈ 2δ in area: close half the gap per round.
        weights[i] += 0.25 * (shares[i] * samples.length - count[i]) * sampleArea
        mean += weights[i] / n
      }
      for (let i = 0; i < n; i++) weights[i] -= mean
    }
  }
  return { sites: sites(), weights }
}

/** The free sample nearest `p`, marked as taken. */
function freeSampleNear(samples: XY[], p: XY, taken: Set<number>): number {
  let best = -1
  let bestD = Infinity
  samples.forEach((x, k) => {
    const d = (x[0] - p[0]) ** 2 + (x[1] - p[1]) ** 2
    if (!taken.has(k) && d < bestD) {
      bestD = d
      best = k
    }
  })
  taken.add(best)
  return best
}

/** A stable point well inside the geometry, near its centroid (which can lie outside). */
export function interiorPoint(parent: AreaGeometry, digits = 5): Position {
  const plane = localPlane(parent)
  const polys = polygonsOf(parent).map((poly) => poly.map((ring) => ring.map(plane.to)))
  const c = plane.to(centroidOf(parent))
  const samples = interiorSamples(polys, localArea(polys), 64, 1, seededRandom(1))
  let best = samples[0]
  for (const s of samples) if ((s[0] - c[0]) ** 2 + (s[1] - c[1]) ** 2 < (best[0] - c[0]) ** 2 + (best[1] - c[1]) ** 2) best = s
  return roundPosition(plane.from(best), digits)
}

const localArea = (polys: XY[][][]): number => areaOf(geometryOf(polys))

/**
 * One schematic cell per child inside `parent`: seeded sites relaxed over interior samples,
 * then the Voronoi (power, when weights differ) diagram clipped to the parent. Deterministic:
 * the same parent and children always give the same cells, in the children's order.
 */
export function schematicCells(parent: AreaGeometry, children: readonly CellChild[], options: CellOptions = {}): SchematicCell[] {
  const { rounds = 20, samplesPerCell = 40, digits = 5 } = options
  const n = children.length
  if (n === 0) return []
  if (n === 1) {
    const geometry = roundGeometry(parent, digits) ?? parent
    return [{ code: children[0].code, center: interiorPoint(parent, digits), geometry }]
  }
  const plane = localPlane(parent)
  const polys = polygonsOf(parent).map((poly) => poly.map((ring) => ring.map(plane.to)))
  const area = localArea(polys)
  const rand = seededRandom(hashSeed(children.map((c) => c.code).join(',')))
  const samples = interiorSamples(polys, area, n * samplesPerCell, n * 4, rand)

  // Seeds: distinct samples chosen by a seeded partial shuffle.
  const order = samples.map((_, k) => k)
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (order.length - i))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const w = children.map((c) => (c.weight !== undefined && c.weight > 0 ? c.weight : 1))
  const total = w.reduce((a, b) => a + b, 0)
  const uniform = w.every((v) => v === w[0])
  const relaxed = relax(samples, order.slice(0, n), uniform ? undefined : w.map((v) => v / total), rounds, area / samples.length)
  const weights = sitesOwnCells(relaxed.sites, relaxed.weights) ? relaxed.weights : relaxed.weights.map(() => 0)

  const cells = clipCells(polys, relaxed.sites, weights, digits, plane)
  // Power cells are best effort: if one came out empty, fall back to the plain Voronoi diagram.
  const final = cells.some((c) => !c) && weights.some((v) => v !== 0)
    ? clipCells(polys, relaxed.sites, weights.map(() => 0), digits, plane)
    : cells
  return children.map((c, i) => {
    const geometry = final[i]
    if (!geometry) throw new Error(`schematicCells: empty cell for ${c.code}`)
    return { code: c.code, center: roundPosition(plane.from(relaxed.sites[i]), digits), geometry }
  })
}

/** Clips each convex cell to the parent polygons and returns rounded lon/lat geometries. */
function clipCells(polys: XY[][][], sites: XY[], weights: number[], digits: number, plane: LocalPlane) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const poly of polys)
    for (const [x, y] of poly[0]) {
      x0 = Math.min(x0, x)
      y0 = Math.min(y0, y)
      x1 = Math.max(x1, x)
      y1 = Math.max(y1, y)
    }
  const pad = (x1 - x0 + y1 - y0) * 0.01
  const cells = convexCells(sites, weights, [x0 - pad, y0 - pad, x1 + pad, y1 + pad])
  return cells.map((cell) => {
    if (cell.length < 3) return undefined
    const clipped = intersectConvex(polys, cell)
    if (!clipped.length) return undefined
    const lonLat = clipped.map((poly) => poly.map((ring) => ring.map((p) => plane.from(p as XY))))
    return roundGeometry(geometryOf(lonLat), digits)
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
function intersectConvex(polys: XY[][][], cell: XY[]): XY[][][] {
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
