/** The simulated city: communities weighted by size, their grids and one grid worker per grid. */
import type { RegionTree } from '../shared/region-tree.ts'
import { cumulative } from './random.ts'

/** A community (社区/村) where requests are created. */
export interface Community {
  code: string
  /** Street and community name, as citizens say it (e.g. 新兴街道园林社区). */
  place: string
  /** Index of its street in `City.streets`. */
  street: number
  grids: string[]
}

/** A street (街道/乡镇) with the indexes of its communities, for scenarios. */
export interface Street {
  code: string
  name: string
  communities: number[]
}

export interface City {
  root: string
  rootName: string
  communities: Community[]
  streets: Street[]
  /** Cumulative community weights (grid count, villages half) for picking where a request comes from. */
  communityWeights: Float64Array
  /** Every grid code, with its community index. */
  grids: string[]
  gridCommunity: Int32Array
}

/**
 * Anshan's 8890 takes about 2,000 valid requests on an average day for 1,193 communities: the seed's
 * 527 受理 by 09:43 of a late-October weekday.
 */
export const REQUESTS_PER_COMMUNITY_DAY = 2000 / 1193

/** Builds the city from a region tree (any root with communities below it). */
export function buildCity(tree: RegionTree): City {
  const communities: Community[] = []
  const streets: Street[] = []
  const streetIndex = new Map<string, number>()
  const weights: number[] = []
  const grids: string[] = []
  const gridCommunity: number[] = []
  for (let i = 0; i < tree.size; i++) {
    const node = tree.nodes[i]
    if (node.level !== 'community') continue
    const parent = tree.parentIndex[i]
    const streetNode = parent >= 0 ? tree.nodes[parent] : node
    let s = streetIndex.get(streetNode.code)
    if (s === undefined) {
      streetIndex.set(streetNode.code, (s = streets.length))
      streets.push({ code: streetNode.code, name: streetNode.name, communities: [] })
    }
    const c = communities.length
    const codes = tree.childIndices(i).map((g) => tree.nodes[g].code)
    streets[s].communities.push(c)
    communities.push({
      code: node.code,
      place: streetNode === node ? node.name : streetNode.name + node.name,
      street: s,
      grids: codes,
    })
    weights.push(codes.length * (node.name.endsWith('村') ? 0.5 : 1))
    for (const g of codes) {
      grids.push(g)
      gridCommunity.push(c)
    }
  }
  if (!communities.length) throw new Error(`region ${tree.root.code} has no communities to simulate`)
  return {
    root: tree.root.code,
    rootName: tree.root.name,
    communities,
    streets,
    communityWeights: cumulative(weights),
    grids,
    gridCommunity: Int32Array.from(gridCommunity),
  }
}
