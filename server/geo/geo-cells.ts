/** Schematic boundaries: one generated cell per child region inside its parent's polygon. */
import { convexCells, intersectConvex } from './geo-convex.ts'
import { areaOf, centroidOf, geometryOf, polygonsOf, roundGeometry, roundPosition } from '../../shared/geo-math.ts'
import { hashSeed, mulberry32 } from '../../shared/random.ts'
import { boundsOf } from '../../shared/geo-math.ts'
import { interiorSamples, localPlane, type LocalPlane, type XY } from './geo-samples.ts'
import type { AreaGeometry, Position } from '../../shared/geo-types.ts'

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
  /** Relaxation rounds (Lloyd steps, and weight fitting when weights differ). @default 20 */
  rounds?: number
  /** Interior sample points per child, the resolution of the relaxation. @default 40 */
  samplesPerCell?: number
  /** Decimals kept in coordinates (5 ≈ 1 m). @default 5 */
  digits?: number
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
        // Raising a power weight by δ grows a cell by ≈ 1.7δ of area: step by half the missing area.
        weights[i] += 0.5 * (shares[i] * samples.length - count[i]) * sampleArea
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
  const samples = interiorSamples(polys, localArea(polys), 64, 1, mulberry32(1))
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
  const rand = mulberry32(hashSeed(children.map((c) => c.code).join(',')))
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
  const [x0, y0, x1, y1] = boundsOf(polys)
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
