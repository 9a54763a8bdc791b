/** 24小时/72小时办结率 in the engine as days pass: a cohort joins the windows when it matures. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RegionTree } from '../../shared/region-tree.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { cohortEvents, COMMUNITY, HAND_WINDOWS, NOW } from './cohort.testkit.ts'
import { Engine } from './engine.ts'

let tree: RegionTree
beforeAll(() => {
  tree = loadRegionPack('2103')
})

describe('cohort rates in the engine', () => {
  it('take in a cohort when it matures, not before', () => {
    const clock = { now: Date.parse(NOW) }
    const engine = new Engine({ tree, clock: () => clock.now })
    engine.replayed()
    // One event at a time, newest first.
    for (const e of cohortEvents().reverse()) engine.applyCommitted([e])
    engine.tick()
    const i = tree.indexOf(COMMUNITY)
    expect(engine.snapshot(i).cohort).toEqual(HAND_WINDOWS)
    // 11-21 23:59: cohort 11-20 (D1, completed in an hour) is still 未满24小时.
    clock.now = Date.parse('2026-11-21T23:59:59+08:00')
    engine.tick()
    expect(engine.snapshot(i).cohort!.last7.h24).toEqual(HAND_WINDOWS.last7.h24)
    // 11-22 00:00: it is mature; the window is now 11-16..11-22, cut at 11-20.
    clock.now = Date.parse('2026-11-22T00:00:00+08:00')
    engine.tick()
    expect(engine.snapshot(i).cohort!.last7.h24).toEqual({ rate: 6 / 11, n: 11, done: 6, from: '2026-11-16', to: '2026-11-20' })
    expect(engine.snapshot(i).cohort!.yesterday.h24.rate).toBeNull()
  })
})
