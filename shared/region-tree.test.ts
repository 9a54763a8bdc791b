import { beforeAll, describe, expect, it } from 'vitest'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { gridCountFor, type RegionTree } from './region-tree.ts'

let anshan: RegionTree
beforeAll(() => {
  anshan = loadRegionPack('2103')
})

describe('region tree', () => {
  it('holds 鞍山市 as the articles count it', () => {
    const levels = (l: string) => anshan.nodes.filter((n) => n.level === l).length
    expect([levels('district'), levels('street'), levels('community')]).toEqual([7, 96, 1193])
    expect(anshan.children('210302').filter((n) => n.name.endsWith('街道'))).toHaveLength(10)
  })

  it('accepts 6-digit aliases of the province and cities', () => {
    expect(anshan.get('210300')?.code).toBe('2103')
    expect(loadRegionPack('210000').root.code).toBe('21')
    expect(() => loadRegionPack('999999')).toThrow(/unknown region root/)
  })

  it('generates 3 to 8 grids per community, deterministically, 001–003 always present', () => {
    const community = anshan.get('210302002001')!
    const grids = anshan.children(community.code)
    expect(grids.length).toBe(gridCountFor(community.code))
    expect(grids.slice(0, 3).map((g) => g.code)).toEqual(['210302002001001', '210302002001002', '210302002001003'])
    for (const n of anshan.nodes.filter((x) => x.level === 'community')) {
      const c = anshan.children(n.code).length
      expect(c).toBeGreaterThanOrEqual(3)
      expect(c).toBeLessThanOrEqual(8)
    }
    expect(anshan.gridCounts[0]).toBe(anshan.nodes.filter((n) => n.level === 'grid').length)
  })

  it('knows ancestors by code prefix and scopes', () => {
    expect(anshan.path('210302002001001').map((n) => n.code)).toEqual(['2103', '210302', '210302002', '210302002001'])
    expect(anshan.contains('210302', '210302002001001')).toBe(true)
    expect(anshan.contains('210303', '210302002001001')).toBe(false)
    expect(anshan.get('210302002001')?.name).toBe('解放社区')
  })
})
