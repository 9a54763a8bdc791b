/** Loads the region pack (divisions shipped in `data/regions`) for a configured root. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseDivisionsCsv, RegionTree, type DivisionRow } from '../../shared/region-tree.ts'

/** Folder holding the project's data files (divisions and GeoJSON). */
export const DATA_ROOT = fileURLToPath(new URL('../../data/', import.meta.url))

let rows: DivisionRow[] | undefined

/** All divisions of Liaoning, parsed once per process. */
export function divisionRows(): DivisionRow[] {
  rows ??= parseDivisionsCsv(readFileSync(`${DATA_ROOT}regions/liaoning-divisions.csv`, 'utf8'))
  return rows
}

/** The region tree rooted at `root` (default 鞍山市 `2103`; `21`, `210000`, `210300` work too). */
export function loadRegionPack(root = '2103'): RegionTree {
  return RegionTree.fromRows(divisionRows(), root)
}
