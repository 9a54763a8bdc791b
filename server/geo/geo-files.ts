/** Reads the real boundaries shipped in `data/geo` (one GeoJSON file per province or city adcode). */
import { existsSync, readFileSync } from 'node:fs'
import type { AreaGeometry, Position } from '../../shared/geo-types.ts'
import { DATA_ROOT } from '../regions/load-pack.ts'

/** One feature of a `data/geo` file: a city of the province file, or a district of a city file. */
export interface GeoFileFeature {
  type: 'Feature'
  properties: { code?: string | number; adcode?: string | number; name?: string; center?: Position }
  geometry: AreaGeometry
}

/** A `data/geo` file. */
export interface GeoFile {
  type: 'FeatureCollection'
  features: GeoFileFeature[]
}

/** Reads a boundary file by adcode (`210000`, `210300`); undefined when there is none. */
export type ReadGeoFile = (adcode: string) => GeoFile | undefined

/** Reads `data/geo/<adcode>.json` from disk on each call (callers cache what they derive). */
export const readGeoFile: ReadGeoFile = (adcode) => {
  const file = `${DATA_ROOT}geo/${adcode}.json`
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as GeoFile) : undefined
}
