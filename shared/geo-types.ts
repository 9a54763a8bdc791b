/** Minimal GeoJSON types (RFC 7946) for region boundaries, shared by the server and the wall. */
import type { RegionLevel } from './region-types.ts'

/** `[lon, lat]` in degrees. */
export type Position = [number, number]
/** Closed ring: first and last positions equal. */
export type Ring = Position[]
/** `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = [number, number, number, number]

/** GeoJSON Polygon: outer ring, then holes. */
export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: Ring[]
}

/** GeoJSON MultiPolygon. */
export interface MultiPolygonGeometry {
  type: 'MultiPolygon'
  coordinates: Ring[][]
}

/** The area geometries a region boundary can have. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry

/** Properties of one region feature in `GET /api/v1/regions/:code/geo`. */
export interface RegionFeatureProps {
  /** NBS code as in the region tree (`2103`, `210302`, …). */
  code: string
  name: string
  level: RegionLevel
  center: Position
  /** True when the boundary is a generated cell, not a surveyed one. */
  schematic: boolean
}

/** One child region with its boundary. */
export interface RegionFeature {
  type: 'Feature'
  id: string
  properties: RegionFeatureProps
  geometry: AreaGeometry
}

/** `GET /api/v1/regions/:code/geo`: the direct children of `code` with their boundaries. */
export interface RegionFeatureCollection {
  type: 'FeatureCollection'
  /** The parent region whose children these are. */
  code: string
  /** Bounding box of the parent: of its children's boundaries, or of its own when it has none. */
  bbox: BBox
  /** True when any feature is schematic. */
  schematic: boolean
  features: RegionFeature[]
}
