import polygonClipping from 'polygon-clipping'
import { describe, expect, it } from 'vitest'
import { interiorPoint, schematicCells, type CellChild, type SchematicCell } from './geo-cells.ts'
import { areaOf, contains, polygonsOf } from '../../shared/geo-math.ts'
import type { AreaGeometry, Position } from '../../shared/geo-types.ts'

const ring = (points: Position[]): Position[] => [...points, points[0]]
const polygon = (points: Position[]): AreaGeometry => ({ type: 'Polygon', coordinates: [ring(points)] })

/** A 0.1° square near 鞍山. */
const square = polygon([[123, 41], [123.1, 41], [123.1, 41.1], [123, 41.1]])
/** An L-shaped (non-convex) district. */
const lShape = polygon([[123, 41], [123.1, 41], [123.1, 41.03], [123.03, 41.03], [123.03, 41.1], [123, 41.1]])
/** A C shape whose centroid lies outside it. */
const cShape = polygon([[123, 41], [123.1, 41], [123.1, 41.02], [123.02, 41.02], [123.02, 41.08], [123.1, 41.08], [123.1, 41.1], [123, 41.1]])
/** A coast with an island, with a lake in the main part. */
const islands: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [ring([[121, 39], [121.2, 39], [121.2, 39.2], [121, 39.2]]), ring([[121.05, 39.05], [121.05, 39.1], [121.1, 39.1], [121.1, 39.05]])],
    [ring([[121.3, 39.05], [121.35, 39.05], [121.35, 39.1], [121.3, 39.1]])],
  ],
}
/** A thin east–west strip (sites tend to line up). */
const strip = polygon([[122, 40], [122.05, 40], [122.05, 40.001], [122, 40.001]])

const children = (n: number, prefix = '210302001', weight?: (i: number) => number): CellChild[] =>
  Array.from({ length: n }, (_, i) => ({ code: prefix + String(i + 1).padStart(3, '0'), weight: weight?.(i) }))

const coords = (g: AreaGeometry): polygonClipping.MultiPolygon => polygonsOf(g)
const overlap = (a: AreaGeometry, b: AreaGeometry): number => {
  const x = polygonClipping.intersection(coords(a), coords(b))
  return x.length ? areaOf({ type: 'MultiPolygon', coordinates: x }) : 0
}

/** Checks every property a set of cells must have, and returns them. */
function expectValidCells(parent: AreaGeometry, kids: CellChild[], cells: SchematicCell[]): void {
  expect(cells.map((c) => c.code)).toEqual(kids.map((k) => k.code))
  const parentArea = areaOf(parent)
  let total = 0
  for (const c of cells) {
    expect(areaOf(c.geometry)).toBeGreaterThan(0)
    expect(contains(parent, c.center)).toBe(true)
    expect(contains(c.geometry, c.center)).toBe(true)
    total += areaOf(c.geometry)
  }
  expect(total / parentArea).toBeCloseTo(1, 2)
  for (let i = 0; i < cells.length; i++)
    for (let j = i + 1; j < cells.length; j++) expect(overlap(cells[i].geometry, cells[j].geometry)).toBeLessThan(parentArea * 1e-5)
}

describe('schematicCells', () => {
  it.each([
    ['a square', square, 12],
    ['a non-convex parent', lShape, 9],
    ['a parent with a hole and an island', islands, 15],
    ['a thin strip', strip, 3],
    ['forty children', lShape, 40],
  ])('gives every child of %s a non-empty, non-overlapping cell around a centre inside the parent', (_, parent, n) => {
    const kids = children(n)
    expectValidCells(parent, kids, schematicCells(parent, kids))
  })

  it('is deterministic: the same input gives the same cells', () => {
    const kids = children(10, '210302001', (i) => 1 + (i % 4))
    expect(schematicCells(lShape, kids)).toEqual(schematicCells(lShape, kids))
  })

  it('depends on the children: other codes give another layout', () => {
    const a = schematicCells(square, children(6, '210302001'))
    const b = schematicCells(square, children(6, '210302002'))
    expect(a.map((c) => c.center)).not.toEqual(b.map((c) => c.center))
  })

  it('gives a heavier child a larger cell', () => {
    const kids = children(8, '210302001', (i) => (i === 0 ? 8 : 1))
    const cells = schematicCells(square, kids)
    expectValidCells(square, kids, cells)
    const areas = cells.map((c) => areaOf(c.geometry))
    expect(areas[0]).toBeGreaterThan(2 * Math.max(...areas.slice(1)))
  })

  it('keeps coordinates to 5 decimals', () => {
    for (const c of schematicCells(lShape, children(5))) {
      const values = [...c.center, ...polygonsOf(c.geometry).flat(3)]
      for (const v of values) expect(Math.round(v * 1e5) / 1e5).toBe(v)
    }
  })

  it('gives a single child the whole parent and no children nothing', () => {
    const [only] = schematicCells(lShape, children(1))
    expect(areaOf(only.geometry)).toBeCloseTo(areaOf(lShape), 10)
    expect(contains(lShape, only.center)).toBe(true)
    expect(schematicCells(lShape, [])).toEqual([])
  })
})

describe('interiorPoint', () => {
  it('lies inside a shape whose centroid does not', () => {
    expect(contains(cShape, [123.05, 41.05])).toBe(false)
    expect(contains(cShape, interiorPoint(cShape))).toBe(true)
  })
})
