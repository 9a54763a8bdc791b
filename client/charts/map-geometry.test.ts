import { describe, expect, it } from 'vitest'
import { fitMap, MAP_UNITS, projectMap, type MapFeature } from './map-geometry.ts'

const square = (code: string, lon: number, lat: number, size: number): MapFeature => ({
  properties: { code, name: code, center: [lon + size / 2, lat + size / 2], schematic: false },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  },
})

describe('map geometry', () => {
  it('projects north up, longitude scaled by the cosine of the middle latitude, within the margin', () => {
    const m = projectMap([square('a', 122, 40, 1), square('b', 123, 40, 1)], 0)
    const k = Math.cos((40.5 * Math.PI) / 180)
    expect(m.width).toBeCloseTo(MAP_UNITS, 6)
    expect(m.height).toBeCloseTo(MAP_UNITS / (2 * k), 6)
    expect(m.project([122, 41])).toEqual([0, 0])
    const [x, y] = m.project([124, 40])
    expect(x).toBeCloseTo(MAP_UNITS, 6)
    expect(y).toBeCloseTo(m.height, 6)
    expect(m.shapes.map((s) => s.code)).toEqual(['a', 'b'])
    expect(m.shapes[0].center[0]).toBeCloseTo(MAP_UNITS / 4, 6)
  })
  it('writes closed paths, one subpath per ring of a multipolygon, holes included', () => {
    const multi: MapFeature = {
      properties: { code: 'm', name: 'm', center: [0.5, 0.5], schematic: true },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
            [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]],
          ],
          [[[2, 0], [3, 0], [3, 1], [2, 0]]],
        ],
      },
    }
    const m = projectMap([multi])
    expect(m.shapes[0].d.match(/M/g)).toHaveLength(3)
    expect(m.shapes[0].d.match(/Z/g)).toHaveLength(3)
    expect(m.shapes[0].schematic).toBe(true)
    const nums = m.shapes[0].d.match(/-?\d+(\.\d+)?/g)!.map(Number)
    expect(Math.min(...nums)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...nums)).toBeLessThanOrEqual(Math.max(m.width, m.height))
  })
  it('drops points closer than half a unit, keeping the ring', () => {
    const ring: [number, number][] = [[0, 0]]
    for (let i = 1; i <= 10_000; i++) ring.push([i / 10_000, 0]) // 0.1 unit apart
    ring.push([1, 1], [0, 1], [0, 0])
    const m = projectMap([{ properties: { code: 'x', name: 'x', center: [0.5, 0.5], schematic: false }, geometry: { type: 'Polygon', coordinates: [ring] } }], 0)
    const points = m.shapes[0].d.match(/-?[\d.]+/g)!.length / 2
    expect(points).toBeLessThan(ring.length / 4)
    expect(m.shapes[0].d.endsWith('Z')).toBe(true)
  })
  it('skips features without an area and survives an empty map', () => {
    expect(projectMap([]).shapes).toEqual([])
    expect(projectMap([{ properties: { code: 'p', name: 'p', center: [0, 0], schematic: false }, geometry: { type: 'Point', coordinates: [0, 0] } }]).shapes).toEqual([])
  })
  it('fits a map into a box, centred with its aspect kept', () => {
    expect(fitMap(1000, 500, 800, 800)).toEqual({ scale: 0.8, x: 0, y: 200 })
    expect(fitMap(1000, 500, 4000, 500)).toEqual({ scale: 1, x: 1500, y: 0 })
  })
})
