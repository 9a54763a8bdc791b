import { describe, expect, it } from 'vitest'
import { contains } from '../../shared/geo-math.ts'
import { RegionTree } from '../../shared/region-tree.ts'
import { divisionRows, loadRegionPack } from '../regions/load-pack.ts'
import { readGeoFile, type ReadGeoFile } from './geo-files.ts'
import { createRegionGeo, type RegionGeo } from './region-geo.ts'

const liaoning = loadRegionPack('21')
const anshan = loadRegionPack('2103')
const childCodes = (tree: RegionTree, code: string): string[] => tree.children(code).map((c) => c.code)

/** Asserts `geoFor(code)` holds exactly the tree's children, each centred inside `code`. */
function expectChildrenOf(tree: RegionTree, geo: RegionGeo, code: string, schematic: boolean) {
  const fc = geo.geoFor(code)
  expect(fc?.features.map((f) => f.properties.code)).toEqual(childCodes(tree, code))
  const parent = geo.boundaryOf(code)
  for (const f of fc!.features) {
    expect(f.properties.schematic).toBe(schematic)
    expect(f.properties.level).toBe(tree.get(f.properties.code)?.level)
    expect(f.properties.name).toBe(tree.get(f.properties.code)?.name)
    expect(contains(f.geometry, f.properties.center)).toBe(true)
    if (schematic) expect(contains(parent!, f.properties.center)).toBe(true)
  }
  expect(fc!.schematic).toBe(schematic)
  return fc!
}

describe('createRegionGeo over Liaoning', () => {
  it('matches every city and district of the divisions to a real boundary', () => {
    const geo = createRegionGeo(liaoning)
    expectChildrenOf(liaoning, geo, '21', false)
    for (const city of liaoning.children('21')) expectChildrenOf(liaoning, geo, city.code, false)
    expect(liaoning.children('21')).toHaveLength(14)
    expect(geo.mismatches()).toEqual([])
  })

  it('computes nothing before it is asked, and only the files a parent needs', () => {
    const read: string[] = []
    const spy: ReadGeoFile = (adcode) => (read.push(adcode), readGeoFile(adcode))
    const geo = createRegionGeo(liaoning, { readGeo: spy })
    expect(read).toEqual([])
    const street = childCodes(liaoning, '210302')[0]
    expect(geo.geoFor(street)?.features.length).toBeGreaterThan(0)
    expect(read).toEqual(['210300'])
    geo.geoFor(street)
    expect(read).toHaveLength(1)
  })
})

describe('createRegionGeo over 鞍山市', () => {
  it('drills down city → 铁东区 → street → community → grids with the tree’s children', () => {
    const geo = createRegionGeo(anshan)
    const city = expectChildrenOf(anshan, geo, '2103', false)
    expect(city.features).toHaveLength(7)
    const district = expectChildrenOf(anshan, geo, '210302', true)
    expect(district.features).toHaveLength(11) // 10 streets and 玉佛山风景区
    const street = district.features[0].properties.code
    const community = expectChildrenOf(anshan, geo, street, true).features[0].properties.code
    const grids = expectChildrenOf(anshan, geo, community, true)
    expect(grids.features.length).toBeGreaterThanOrEqual(3)
    expect(grids.features[0].properties).toMatchObject({ level: 'grid', code: `${community}001` })
  })

  it('answers the 6-digit alias, an empty collection for a grid and undefined for an unknown code', () => {
    const geo = createRegionGeo(anshan)
    expect(geo.geoFor('210300')?.code).toBe('2103')
    const grid = `${anshan.children(anshan.children('210302')[0].code)[0].code}001`
    const leaf = geo.geoFor(grid)
    expect(leaf?.features).toEqual([])
    const [x0, y0, x1, y1] = leaf!.bbox
    expect(x1 > x0 && y1 > y0).toBe(true)
    expect(geo.geoFor('219999')).toBeUndefined()
    expect(geo.centerOf('219999')).toBeUndefined()
  })

  it('gives the same cells and centres whatever the order of the questions and the cache size', () => {
    const a = createRegionGeo(anshan)
    const b = createRegionGeo(anshan, { cacheSize: 2 })
    const community = anshan.children(anshan.children('210381')[3].code)[2].code
    const grid = `${community}002`
    const centre = b.centerOf(grid)
    expect(a.geoFor(community)).toEqual(b.geoFor(community))
    expect(a.centerOf(grid)).toEqual(centre)
    expect(contains(a.boundaryOf(community)!, centre!)).toBe(true)
  })

  it('places the root and every district centre inside its boundary', () => {
    const geo = createRegionGeo(anshan)
    for (const code of ['2103', ...childCodes(anshan, '2103')]) expect(contains(geo.boundaryOf(code)!, geo.centerOf(code)!)).toBe(true)
  })

  it('computes the communities of every street of 鞍山 on demand (timing printed)', () => {
    const geo = createRegionGeo(anshan)
    const streets = childCodes(anshan, '2103').flatMap((d) => childCodes(anshan, d))
    const t0 = performance.now()
    let features = 0
    let bytes = 0
    for (const s of streets) {
      const fc = geo.geoFor(s)!
      features += fc.features.length
      bytes += JSON.stringify(fc).length
    }
    const ms = performance.now() - t0
    console.log(`geoFor × ${streets.length} streets of 鞍山 (uncached): ${ms.toFixed(0)} ms, ${features} communities, ${(bytes / 1024).toFixed(0)} KiB JSON`)
    expect(streets).toHaveLength(96)
    expect(features).toBe(1193)
  })
})

describe('createRegionGeo with imperfect data', () => {
  it('gives a district missing from the boundary file a schematic cell inside its city', () => {
    const rows = [...divisionRows(), { code: '210399', name: '示例新区', parent: '2103' }]
    const tree = RegionTree.fromRows(rows, '2103')
    const geo = createRegionGeo(tree)
    const fc = geo.geoFor('2103')!
    const added = fc.features.find((f) => f.properties.code === '210399')!
    expect(added.properties.schematic).toBe(true)
    expect(fc.schematic).toBe(true)
    expect(fc.features.filter((f) => f.properties.schematic)).toHaveLength(1)
    expect(contains(geo.boundaryOf('2103')!, added.properties.center)).toBe(true)
    expect(geo.mismatches()).toEqual([{ parent: '2103', kind: 'no-polygon', code: '210399', name: '示例新区' }])
  })

  it('falls back to the name when a feature carries another code, and reports it', () => {
    const renamed: ReadGeoFile = (adcode) => {
      const file = readGeoFile(adcode)
      if (adcode !== '210300' || !file) return file
      return { ...file, features: file.features.map((f) => (f.properties.name === '铁东区' ? { ...f, properties: { ...f.properties, code: '210399' } } : f)) }
    }
    const geo = createRegionGeo(anshan, { readGeo: renamed })
    expectChildrenOf(anshan, geo, '2103', false)
    expect(geo.mismatches()).toEqual([{ parent: '2103', kind: 'by-name', code: '210302', name: '铁东区' }])
  })
})
