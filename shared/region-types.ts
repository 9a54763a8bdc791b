/** Region levels, from province (2-digit NBS code) to grid (15 digits). */
export const LEVELS = ['province', 'city', 'district', 'street', 'community', 'grid'] as const
export type RegionLevel = (typeof LEVELS)[number]

/** Code length per level: a region's ancestors are the prefixes of its code. */
export const CODE_LENGTHS: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
}

/** One region of the pack, as the API returns it. */
export interface RegionNode {
  code: string
  name: string
  level: RegionLevel
  parent: string | null
}

/** `GET /api/v1/regions/:code`. */
export interface RegionInfo {
  node: RegionNode
  /** Ancestors from the pack's root down to the parent. */
  path: RegionNode[]
  children: RegionNode[]
  /** Number of grids in the subtree. */
  grids: number
}
