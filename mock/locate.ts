/** Request and patrol locations from the server's region geometry (centres of schematic cells). */
import type { RegionTree } from '../shared/region-tree.ts'
import { createRegionGeo } from '../server/geo/region-geo.ts'

/** A memoised `code → [lon, lat]` for the simulator's `locate` option. */
export function createLocator(tree: RegionTree): (code: string) => [number, number] | undefined {
  const geo = createRegionGeo(tree)
  const memo = new Map<string, [number, number] | undefined>()
  return (code) => {
    if (memo.has(code)) return memo.get(code)
    const c = geo.centerOf(code) as [number, number] | undefined
    memo.set(code, c)
    return c
  }
}
