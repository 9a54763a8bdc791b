import { beforeAll, describe, expect, it } from 'vitest'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import type { RegionTree } from '../region-tree.ts'
import { gridsOf, patrolCoverage } from './grid.ts'
import { isDailySurge, surgeAlertThreshold } from './surge.ts'

let anshan: RegionTree
beforeAll(() => {
  anshan = loadRegionPack('2103')
})

describe('网格数 and 巡查覆盖率', () => {
  it('counts the grids of a subtree, a grid as one', () => {
    const idx = (code: string) => anshan.indexOf(code)
    const community = anshan.get('210302002001')!
    const grids = anshan.children(community.code)
    expect(gridsOf(anshan, idx(community.code))).toBe(grids.length)
    expect(gridsOf(anshan, idx(grids[0].code))).toBe(1)
    const street = anshan.get('210302002')!
    const sum = anshan.children(street.code).reduce((n, c) => n + gridsOf(anshan, idx(c.code)), 0)
    expect(gridsOf(anshan, idx(street.code))).toBe(sum)
    expect(gridsOf(anshan, 0)).toBe(anshan.nodes.filter((n) => n.level === 'grid').length)
  })

  it('is the share of grids patrolled, null without grids', () => {
    expect(patrolCoverage(3, 4)).toBe(0.75)
    expect(patrolCoverage(0, 0)).toBeNull()
  })
})

describe('the two surge rules', () => {
  it('突发告警: above max(10, 3 × the hour\'s 7-day average)', () => {
    expect(surgeAlertThreshold(1)).toBe(10)
    expect(surgeAlertThreshold(5)).toBe(15)
  })

  it('突增分类: at least 10 on the day and 1.5 × the 7-day mean', () => {
    expect(isDailySurge(15, 10)).toBe(true)
    expect(isDailySurge(14, 10)).toBe(false)
    expect(isDailySurge(9, 2)).toBe(false)
    expect(isDailySurge(40, null)).toBe(false)
  })
})
