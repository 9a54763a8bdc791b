import { beforeAll, describe, expect, it } from 'vitest'
import { realisticEvents } from '../../bench/realistic-events.ts'
import { windowFigures } from '../../shared/kpi/window-figures.ts'
import { count, F } from '../../shared/kpi/bucket-fields.ts'
import { WINDOWS, type Snapshot } from '../../shared/kpi-types.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { applyDelta } from '../../shared/snapshot-feed.ts'
import { dayIndex, dayToDate, windowDays, DAY_MS, HOUR_MS } from '../../shared/time-windows.ts'
import { createRoomFeeds } from '../push/room-feeds.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { closedLoopFigures } from './closed-loop-figures.ts'
import { cohortWindows } from './cohort-windows.ts'
import { Engine } from './engine.ts'
import { EMPTY_WINDOW } from './snapshot-shared.ts'
import { buildSnapshot, sumDays } from './snapshot.ts'

const NOW = Date.parse('2026-11-20T11:00:00+08:00')

let tree: RegionTree
beforeAll(() => {
  tree = loadRegionPack('2103')
})

function engineAt(clock: { now: number }, requests: number): Engine {
  const engine = new Engine({ tree, clock: () => clock.now })
  engine.replayed()
  if (requests > 0) {
    const events = realisticEvents(tree, requests, clock.now - 20 * DAY_MS, clock.now - HOUR_MS, 3, 's')
    for (let i = 0; i < events.length; i += 500) engine.applyCommitted(events.slice(i, i + 500))
  }
  engine.tick()
  return engine
}

/** Every object and array reachable from `v` is frozen. */
function deeplyFrozen(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true
  return Object.isFrozen(v) && Object.values(v).every(deeplyFrozen)
}

const communities = () => tree.nodes.filter((n) => n.level === 'community')

describe('snapshot parts shared between regions', () => {
  it('two quiet regions share their empty parts, all deeply frozen', () => {
    const clock = { now: NOW }
    const engine = engineAt(clock, 0)
    const [a, b] = communities().slice(0, 2).map((n) => engine.snapshot(tree.indexOf(n.code)))
    expect(a.region).not.toBe(b.region)
    for (const w of WINDOWS) {
      expect(a.windows[w]).toBe(b.windows[w])
      expect(a.cohort![w]).toBe(b.cohort![w])
    }
    expect(a.windows).toBe(b.windows)
    expect(a.hourly.today).toBe(b.hourly.yesterday)
    expect(a.daily.dates).toBe(b.daily.dates)
    expect(a.daily.accepted).toBe(b.daily.completed)
    expect(a.daily.accepted).toBe(b.daily.accepted)
    expect(a.closedLoop!.stages).toBe(b.closedLoop!.stages)
    expect(a.closedLoop!.flow.today).toBe(b.closedLoop!.flow.yesterday)
    const shared = [a.windows, a.cohort!.today, a.cohort!.ytd, a.hourly.today, a.daily.dates, a.daily.accepted, a.closedLoop!.stages, a.closedLoop!.flow.today, a.closedLoop!.departments]
    for (const part of shared) expect(deeplyFrozen(part)).toBe(true)
    // The regions' own parts are theirs.
    expect(a.grid).not.toBe(b.grid)
    expect(a.closedLoop).not.toBe(b.closedLoop)
  })

  it('a write into a shared part throws instead of changing other regions', () => {
    const engine = engineAt({ now: NOW }, 0)
    const [a, b] = communities().slice(0, 2).map((n) => engine.snapshot(tree.indexOf(n.code)))
    const before = JSON.stringify(b)
    expect(() => {
      a.windows.today.accepted = 1
    }).toThrow(TypeError)
    expect(() => {
      a.windows.ytd.byCategory['供暖'] = 1
    }).toThrow(TypeError)
    expect(() => a.daily.dates.push('2026-11-21')).toThrow(TypeError)
    expect(() => {
      a.hourly.today.accepted[3] = 2
    }).toThrow(TypeError)
    expect(() => {
      a.closedLoop!.stages.handling.lt1h = 1
    }).toThrow(TypeError)
    expect(JSON.stringify(b)).toBe(before)
  })

  it('gives the JSON the unshared builders give, for busy and quiet regions alike, as figures change', () => {
    const clock = { now: NOW }
    const engine = engineAt(clock, 4000)
    const { agg, loop } = engine
    const counted = { empty: 0, busy: 0 }
    const compare = (step: number) => {
      const today = dayIndex(clock.now)
      for (let i = 0; i < tree.nodes.length; i += step) {
        const snap = buildSnapshot(agg, i, clock.now, today, loop)
        const s = agg.stats[i]
        for (const w of WINDOWS) {
          const [from, to] = windowDays(w, today)
          expect(JSON.stringify(snap.windows[w])).toBe(JSON.stringify(windowFigures(sumDays(s, from, to))))
          if (snap.windows[w] === EMPTY_WINDOW) counted.empty++
          else counted.busy++
        }
        expect(JSON.stringify(snap.cohort)).toBe(JSON.stringify(cohortWindows((from, to) => sumDays(s, from, to), today, clock.now)))
        expect(JSON.stringify(snap.closedLoop)).toBe(JSON.stringify(closedLoopFigures(agg, loop, i, clock.now, today)))
        const days = Array.from({ length: 30 }, (_, k) => today - 29 + k)
        expect(snap.daily.dates).toEqual(days.map(dayToDate))
        expect(snap.daily.accepted).toEqual(days.map((d) => s?.dayAt(d)?.[F.accepted] ?? 0))
        expect(snap.daily.completed).toEqual(days.map((d) => s?.dayAt(d)?.[F.completed] ?? 0))
        for (const [key, day] of [['today', today], ['yesterday', today - 1]] as const) {
          const h = s?.hourly.get(day)
          expect(snap.hourly[key]).toEqual({
            accepted: h ? Array.from(h.subarray(0, 24)) : new Array(24).fill(0),
            completed: h ? Array.from(h.subarray(24, 48)) : new Array(24).fill(0),
          })
        }
        expect(snap.children.map((c) => c.code)).toEqual(tree.childIndices(i).map((c) => tree.nodes[c].code))
      }
    }
    compare(3)
    // More requests in the same streets: department panels and windows built before must not be handed out again.
    clock.now += 2 * HOUR_MS
    const more = realisticEvents(tree, 1500, clock.now - HOUR_MS, clock.now - 60_000, 4, 'm')
    for (let i = 0; i < more.length; i += 500) engine.applyCommitted(more.slice(i, i + 500))
    engine.tick()
    compare(3)
    // Both kinds of windows were compared.
    expect(counted.empty).toBeGreaterThan(0)
    expect(counted.busy).toBeGreaterThan(0)
  })

  it('deltas over shared parts bring a wall to the snapshot the server diffs against', () => {
    const clock = { now: NOW }
    const engine = engineAt(clock, 0)
    const feeds = createRoomFeeds(engine, 1)
    const codes = communities().slice(0, 40).map((n) => n.code)
    const walls = new Map<string, { seq: number; snapshot: Snapshot }>()
    // A wall holds the ack as it arrives: parsed JSON, nothing shared with the server.
    for (const code of codes) walls.set(code, JSON.parse(feeds.subscriptionJson(code, tree.indexOf(code), 0)).data)
    const events = realisticEvents(tree, 3000, NOW - 2 * DAY_MS, NOW, 5, 'd')
    let changed = 0
    for (let i = 0; i < events.length; i += 300) {
      engine.applyCommitted(events.slice(i, i + 300))
      engine.tick()
      clock.now += 1000
      for (const code of codes) {
        const delta = feeds.delta(code)
        if (!delta) continue
        const wall = walls.get(code)!
        expect(delta.base).toBe(wall.seq)
        walls.set(code, { seq: delta.seq, snapshot: applyDelta(JSON.parse(JSON.stringify(wall.snapshot)), JSON.parse(JSON.stringify(delta))) })
        changed++
      }
    }
    expect(changed).toBeGreaterThan(0)
    for (const code of codes) {
      // The server's diff base, as a wall that subscribed now would get it.
      const base = JSON.parse(JSON.stringify(feeds.subscription(code, tree.indexOf(code), 1).snapshot))
      const held = walls.get(code)!.snapshot
      // Patches append keys a window did not have, so only the key order may differ.
      expect({ ...held, asOf: 0, lastEventAt: 0 }).toEqual({ ...base, asOf: 0, lastEventAt: 0 })
    }
  })

  it('reads bucket counters as the same numbers', () => {
    const xs = new Float64Array([0, 1, 359, -4, 2 ** 31 - 1, 2 ** 31, 2 ** 40 + 1, 0.25, -0])
    for (const x of xs) expect(Object.is(count(x), x) || (x === 0 && count(x) === 0)).toBe(true)
    expect(JSON.stringify(Array.from(xs, count))).toBe(JSON.stringify(Array.from(xs)))
  })
})
