import { describe, expect, it } from 'vitest'
import { loadRegionPack } from '../regions/load-pack.ts'
import { createdEvent } from '../testing/test-app.ts'
import { DAY_MS } from '../../shared/time-windows.ts'
import { Aggregator } from './aggregator.ts'
import { OverdueAges } from './overdue-ages.ts'

const tree = loadRegionPack('2103')
const NOW = Date.parse('2026-11-21T10:00:00+08:00')
const iso = (t: number) => new Date(t).toISOString()

describe('超期 by age', () => {
  it('splits open overdue requests by the day their deadline passed, and re-versions only regions whose split changed', async () => {
    const agg = new Aggregator({ tree })
    // Deadlines are 7 days for normal requests: created 7.1 and 20 days ago, both overdue.
    agg.apply(
      [
        createdEvent('A', iso(NOW - 7.1 * DAY_MS), { region: '210302002001' }),
        createdEvent('B', iso(NOW - 20 * DAY_MS), { region: '210302002001' }),
        createdEvent('C', iso(NOW - 1 * DAY_MS), { region: '210303002001' }),
      ],
      NOW,
    )
    const ages = new OverdueAges(agg, 30_000)
    expect(await ages.refresh(NOW)).toBe(true)
    const street = tree.indexOf('210302002')
    const other = tree.indexOf('210303002')
    expect(ages.of(street)).toEqual({ today: 1, week: 0, older: 1 })
    expect(ages.of(0)).toEqual({ today: 1, week: 0, older: 1 })
    expect(ages.of(other)).toEqual({ today: 0, week: 0, older: 0 })
    const streetV = ages.versionOf(street)
    expect(streetV).toBeGreaterThan(0)
    expect(ages.versionOf(other)).toBe(0)
    // Within the interval nothing is recounted.
    expect(await ages.refresh(NOW + 10_000)).toBe(false)
    // A recount that changes nothing keeps every region's version.
    expect(await ages.refresh(NOW + 60_000)).toBe(true)
    expect(ages.versionOf(street)).toBe(streetV)
    // Completing one request changes its chain's split only.
    agg.apply([{ id: 'done-A', type: 'request.completed', at: iso(NOW + 60_000), requestId: 'A' }], NOW + 60_000)
    expect(await ages.refresh(NOW + 120_000)).toBe(true)
    expect(ages.of(street)).toEqual({ today: 0, week: 0, older: 1 })
    expect(ages.versionOf(street)).toBeGreaterThan(streetV)
    expect(ages.versionOf(other)).toBe(0)
  })

  it('scans a slice per turn of the event loop, the last split standing until the scan is done', async () => {
    const agg = new Aggregator({ tree })
    const communities = tree.nodes.filter((n) => n.level === 'community').slice(0, 50)
    agg.apply(
      Array.from({ length: 3000 }, (_, i) => createdEvent(`R${i}`, iso(NOW - (i % 3 === 0 ? 7.1 : 20) * DAY_MS), { region: communities[i % 50].code })),
      NOW,
    )
    // No time for a slice: 256 requests a turn.
    const ages = new OverdueAges(agg, 30_000, 0)
    const scan = ages.refresh(NOW)
    await new Promise((r) => setImmediate(r))
    expect(ages.of(0)).toEqual({ today: 0, week: 0, older: 0 })
    // One scan at a time.
    expect(await ages.refresh(NOW + 60_000, true)).toBe(false)
    expect(await scan).toBe(true)
    expect(ages.of(0)).toEqual({ today: 1000, week: 0, older: 2000 })
    expect(ages.of(tree.indexOf(communities[0].code))).toEqual({ today: 20, week: 0, older: 40 })
  })
})
