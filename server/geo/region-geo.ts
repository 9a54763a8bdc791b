/** Region boundaries for the map: real ones down to district, generated schematic cells below. */
import polygonClipping from 'polygon-clipping'
import { interiorPoint, schematicCells } from './geo-cells.ts'
import { areaOf, bboxOf, contains, geometryOf, mergeBBox, roundGeometry, roundPosition } from '../../shared/geo-math.ts'
import type { AreaGeometry, BBox, Position, RegionFeature, RegionFeatureCollection } from '../../shared/geo-types.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { RegionNode } from '../../shared/region-types.ts'
import { adcodeOf, matchFeatures, type GeoMismatch } from './boundary-match.ts'
import { readGeoFile, type GeoFileFeature, type ReadGeoFile } from './geo-files.ts'
import { LRUCache } from 'lru-cache'

/** Options of {@link createRegionGeo}. */
export interface RegionGeoOptions {
  /** Source of the real boundary files. @default readGeoFile (`data/geo`) */
  readGeo?: ReadGeoFile
  /** Parents whose children's features stay cached (the 鞍山 demo has ≈1,300). @default 2000 */
  cacheSize?: number
  /** Told once per difference between divisions and boundary files (e.g. a logger's warn). */
  onMismatch?: (m: GeoMismatch) => void
}

/** Boundaries and centres of the regions of one tree, computed per parent on demand. */
export interface RegionGeo {
  /** The children of `code` with their boundaries; empty for a grid; undefined for an unknown code. */
  geoFor(code: string): RegionFeatureCollection | undefined
  /** A stable point inside the region (map marker, simulated request location). */
  centerOf(code: string): Position | undefined
  /** The region's own boundary (real or schematic). */
  boundaryOf(code: string): AreaGeometry | undefined
  /** Differences between divisions and boundary files met so far. */
  mismatches(): readonly GeoMismatch[]
}

/** Creates the region geometry service for `tree`; nothing is computed until asked. */
export function createRegionGeo(tree: RegionTree, options: RegionGeoOptions = {}): RegionGeo {
  const { readGeo = readGeoFile, cacheSize = 2000, onMismatch } = options
  const cache = new LRUCache<number, RegionFeature[]>({ max: cacheSize })
  const found: GeoMismatch[] = []
  const rootShape: { geometry?: AreaGeometry; center?: Position; done: boolean } = { done: false }

  const report = (list: GeoMismatch[]): void => {
    for (const m of list) {
      if (found.some((f) => f.parent === m.parent && f.code === m.code && f.kind === m.kind)) continue
      found.push(m)
      onMismatch?.(m)
    }
  }

  /** The root's boundary: its feature in the province file, else the union of its own file's features. */
  const rootBoundary = (): { geometry?: AreaGeometry; center?: Position } => {
    if (rootShape.done) return rootShape
    rootShape.done = true
    const root = tree.root
    const f =
      root.level === 'city'
        ? readGeo(adcodeOf(root.code.slice(0, 2)))?.features.find(
            (x) => String(x.properties.code ?? x.properties.adcode) === adcodeOf(root.code) || x.properties.name === root.name,
          )
        : undefined
    if (f) Object.assign(rootShape, realShape(f))
    else {
      const parts = (readGeo(adcodeOf(root.code))?.features ?? []).map((x) => x.geometry)
      if (parts.length) {
        const union = polygonClipping.union(coordsOf(parts[0]), ...parts.slice(1).map(coordsOf))
        rootShape.geometry = union.length ? roundGeometry(geometryOf(union as Position[][][])) : undefined
      }
      if (rootShape.geometry) rootShape.center = interiorPoint(rootShape.geometry)
    }
    return rootShape
  }

  const realShape = (f: GeoFileFeature): { geometry: AreaGeometry; center: Position } => {
    const geometry = roundGeometry(f.geometry) ?? f.geometry
    const c = f.properties.center
    const center = c && contains(geometry, c) ? roundPosition(c) : interiorPoint(geometry)
    return { geometry, center }
  }

  const feature = (node: RegionNode, geometry: AreaGeometry, center: Position, schematic: boolean): RegionFeature => ({
    type: 'Feature',
    id: node.code,
    properties: { code: node.code, name: node.name, level: node.level, center, schematic },
    geometry,
  })

  /** Schematic cells for `nodes` inside `area`, weighted by their grid counts. */
  const cellsFor = (nodes: RegionNode[], area: AreaGeometry): RegionFeature[] => {
    const weights = nodes.map((n) => ({ code: n.code, weight: Math.max(1, tree.gridCounts[tree.indexOf(n.code)]) }))
    return schematicCells(area, weights).map((c, i) => feature(nodes[i], c.geometry, c.center, true))
  }

  /** Children with real boundaries from the file of `parent`; the unmatched get cells in the space left. */
  const realChildren = (parent: RegionNode, nodes: RegionNode[]): RegionFeature[] => {
    const file = readGeo(adcodeOf(parent.code))
    const { byChild, mismatches } = matchFeatures(parent.code, nodes, file?.features ?? [])
    report(file ? mismatches : nodes.map((n) => ({ parent: parent.code, kind: 'no-polygon' as const, code: n.code, name: n.name })))
    const out = new Map<string, RegionFeature>()
    for (const n of nodes) {
      const f = byChild.get(n.code)
      if (!f) continue
      const s = realShape(f)
      out.set(n.code, feature(n, s.geometry, s.center, false))
    }
    const missing = nodes.filter((n) => !out.has(n.code))
    const area = missing.length ? boundaryOf(parent.code) : undefined
    if (missing.length && area) {
      for (const f of cellsFor(missing, leftOver(area, [...out.values()].map((x) => x.geometry)))) out.set(f.properties.code, f)
    }
    return nodes.filter((n) => out.has(n.code)).map((n) => out.get(n.code) as RegionFeature)
  }

  const childrenOf = (index: number): RegionFeature[] => {
    const cached = cache.get(index)
    if (cached) return cached
    const parent = tree.nodes[index]
    const nodes = tree.childIndices(index).map((i) => tree.nodes[i])
    let result: RegionFeature[] = []
    if (nodes.length) {
      if (parent.level === 'province' || parent.level === 'city') result = realChildren(parent, nodes)
      else {
        const area = boundaryOf(parent.code)
        result = area ? cellsFor(nodes, area) : []
      }
    }
    cache.set(index, result)
    return result
  }

  /** The feature of a non-root region, from its parent's children. */
  const shapeOf = (index: number): RegionFeature | undefined => {
    const p = tree.parentIndex[index]
    const code = tree.nodes[index].code
    return p < 0 ? undefined : childrenOf(p).find((f) => f.properties.code === code)
  }

  function boundaryOf(code: string): AreaGeometry | undefined {
    const i = tree.indexOf(code)
    if (i < 0) return undefined
    return i === 0 ? rootBoundary().geometry : shapeOf(i)?.geometry
  }

  return {
    geoFor(code) {
      const i = tree.indexOf(code)
      if (i < 0) return undefined
      const features = childrenOf(i)
      const own = features.length ? undefined : boundaryOf(code)
      const bbox: BBox = features.length
        ? features.map((f) => bboxOf(f.geometry)).reduce(mergeBBox)
        : own
          ? bboxOf(own)
          : [0, 0, 0, 0]
      return {
        type: 'FeatureCollection',
        code: tree.nodes[i].code,
        bbox,
        schematic: features.some((f) => f.properties.schematic),
        features,
      }
    },
    centerOf(code) {
      const i = tree.indexOf(code)
      if (i < 0) return undefined
      return i === 0 ? rootBoundary().center : shapeOf(i)?.properties.center
    },
    boundaryOf,
    mismatches: () => [...found],
  }
}

/** The part of `area` not covered by `taken`, without slivers; all of `area` when little is left. */
function leftOver(area: AreaGeometry, taken: AreaGeometry[]): AreaGeometry {
  if (!taken.length) return area
  const rest = polygonClipping.difference(coordsOf(area), ...taken.map(coordsOf))
  const min = areaOf(area) * 0.005
  const kept = rest.filter((p) => areaOf({ type: 'Polygon', coordinates: p as Position[][] }) >= min)
  return kept.length ? geometryOf(kept as Position[][][]) : area
}

const coordsOf = (g: AreaGeometry): polygonClipping.MultiPolygon => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
