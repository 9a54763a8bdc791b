import { describe, expect, it } from 'vitest'
import { contains } from '../shared/geo-math.ts'
import { createRegionGeo } from '../server/geo/region-geo.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { DAY_MS, shanghaiMs } from '../shared/time-windows.ts'
import { createLocator } from './locate.ts'
import { createSimulator } from './simulator.ts'

describe('simulated locations', { timeout: 120_000 }, () => {
  it('fall inside the cell of the request’s community, scattered around its centre', () => {
    const tree = loadRegionPack('2103')
    const from = shanghaiMs(2026, 3, 2)
    const sim = createSimulator({ tree, seed: 11, from, gridFrom: Infinity, locate: createLocator(tree) })
    const created = sim.take(from + DAY_MS).filter((e) => e.type === 'request.created') as { region: string; location?: [number, number] }[]
    expect(created.length).toBeGreaterThan(400)
    const geo = createRegionGeo(tree)
    const distinct = new Set<string>()
    for (const e of created.slice(0, 400)) {
      expect(e.location, e.region).toBeDefined()
      expect(contains(geo.boundaryOf(e.region)!, e.location!), `${e.region} ${e.location}`).toBe(true)
      distinct.add(String(e.location))
    }
    // Scattered, not all on the centre.
    expect(distinct.size).toBeGreaterThan(300)
  })
})
