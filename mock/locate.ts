/** Request and patrol locations from the server's region geometry (inside each community's cell). */
import type { RegionTree } from '../shared/region-tree.ts'
import { contains } from '../shared/geo-math.ts'
import { createRegionGeo } from '../server/geo/region-geo.ts'

/** A `code → [lon, lat]` locator; `within` tells whether a point lies inside the region's cell. */
export type Locator = ((code: string) => [number, number] | undefined) & { within?: (code: string, p: [number, number]) => boolean }

/** A memoised `code → [lon, lat]` (a point inside the region) for the simulator's `locate` option, with its containment test. */
export function createLocator(tree: RegionTree): Locator {
  const geo = createRegionGeo(tree)
  const memo = new Map<string, [number, number] | undefined>()
  const locate: Locator = (code) => {
    if (memo.has(code)) return memo.get(code)
    const c = geo.centerOf(code) as [number, number] | undefined
    memo.set(code, c)
    return c
  }
  locate.within = (code, p) => {
    const b = geo.boundaryOf(code)
    return !!b && contains(b, p)
  }
  return locate
}
