import { mulberry32 } from '../../shared/random.ts'
import { describe, expect, it } from 'vitest'
import { CATEGORIES } from '../../shared/categories.ts'
import { CHANNELS, type IngestEvent } from '../../shared/events.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { followSnapshot } from '../../shared/snapshot-feed.ts'
import { Engine } from '../engine/engine.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { ACK_TICKS, createRoomFeeds } from './room-feeds.ts'

const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v))
const withoutClock = (s: Snapshot) => ({ ...s, asOf: 0, lastEventAt: 0 })

const tree = loadRegionPack('210302')
const level = (l: string) => tree.nodes.filter((n) => n.level === l).map((n) => n.code)
const communities = level('community')
const grids = level('grid')
const LIFECYCLE = ['request.dispatched', 'request.signed', 'request.returned', 'request.completed', 'request.visited', 'request.reopened', 'request.supervised', 'request.invalidated'] as const

/** Random events at `now`: new requests, lifecycle events of earlier ones, grid duty and patrols. */
function randomEvents(r: () => number, now: number, requests: string[], n: number, ids: { next: number }): IngestEvent[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const at = new Date(now - Math.floor(r() * 3_600_000)).toISOString()
  const out: IngestEvent[] = []
  for (let i = 0; i < n; i++) {
    const id = `p${ids.next++}`
    const x = r()
    if (x < 0.45 || !requests.length) {
      const requestId = `R${ids.next}`
      requests.push(requestId)
      out.push({ id, type: 'request.created', at, requestId, region: r() < 0.7 ? pick(communities) : pick(grids), category: pick(CATEGORIES), channel: pick(CHANNELS), urgency: r() < 0.2 ? 'urgent' : 'normal', summary: '暖气不热' })
    } else if (x < 0.85) {
      const type = pick(LIFECYCLE)
      const base = { id, at, requestId: pick(requests) }
      if (type === 'request.dispatched') out.push({ ...base, type, department: pick(['热力公司', '自来水公司', '城管局']) })
      else if (type === 'request.visited') out.push({ ...base, type, satisfaction: pick(['satisfied', 'basic', 'dissatisfied'] as const) })
      else out.push({ ...base, type } as IngestEvent)
    } else {
      out.push({ id, type: pick(['grid.duty_on', 'grid.duty_off', 'grid.patrol'] as const), at, grid: pick(grids), worker: `w${Math.floor(r() * 20)}` })
    }
  }
  return out
}

describe('room feeds', () => {
  it('a follower fed by deltas holds the server snapshot after any events, also across lost deltas and days', () => {
    const r = mulberry32(42)
    let now = Date.parse('2026-11-20T20:00:00+08:00')
    const engine = new Engine({ tree, clock: () => now })
    engine.replayed()
    const feeds = createRoomFeeds(engine, 1)
    const watched = ['210302', tree.nodes.find((n) => n.level === 'street')!.code, communities[0], communities[1], grids[0]]
    const followers = watched.map((code) => {
      const f = followSnapshot()
      f.reset(wire(feeds.subscription(code, tree.indexOf(code), 0)))
      return { code, f, applied: 0, resyncs: 0 }
    })
    const requests: string[] = []
    const ids = { next: 0 }
    for (let step = 0; step < 400; step++) {
      now += Math.floor(r() * 15 * 60_000) // up to 15 min a step: several days over the run
      engine.applyCommitted(randomEvents(r, now, requests, Math.floor(r() * 6), ids))
      engine.tick()
      for (const w of followers) {
        const delta = feeds.delta(w.code)
        // One delta in ten never arrives: the next one does not fit, and the follower resubscribes.
        if (!delta || r() < 0.1) continue
        const { snapshot, gap } = w.f.take(wire(delta))
        if (gap) {
          w.resyncs++
          w.f.reset(wire(feeds.subscription(w.code, tree.indexOf(w.code), step)))
        } else {
          w.applied++
          expect(snapshot).toEqual(wire(engine.snapshot(tree.indexOf(w.code))))
        }
        expect(withoutClock(w.f.current!.snapshot)).toEqual(withoutClock(wire(engine.snapshot(tree.indexOf(w.code)))))
      }
    }
    // The district and the street change almost every step; the small regions now and then.
    expect(followers.map((w) => w.applied > 0)).toEqual(followers.map(() => true))
    for (const w of followers.slice(0, 2)) {
      expect(w.applied).toBeGreaterThan(50)
      expect(w.resyncs).toBeGreaterThan(2)
    }
  })

  it("a community's wall follows its street's departments, which it shows, as requests elsewhere in the street change them", () => {
    let now = Date.parse('2026-11-20T10:00:00+08:00')
    const events: IngestEvent[] = []
    const engine = new Engine({ tree, clock: () => now })
    engine.replayed()
    const feeds = createRoomFeeds(engine, 1)
    const street = tree.nodes.find((n) => n.level === 'street' && tree.nodes.filter((c) => c.parent === n.code && c.level === 'community').length >= 2)!
    const [mine, sibling] = tree.nodes.filter((c) => c.parent === street.code && c.level === 'community').map((c) => c.code)
    const f = followSnapshot()
    f.reset(wire(feeds.subscription(mine, tree.indexOf(mine), 0)))
    const post = (e: IngestEvent[]) => {
      events.push(...e)
      engine.applyCommitted(e)
      engine.tick()
    }
    now += 1000
    const at = () => new Date(now).toISOString()
    post([{ id: 'm1', type: 'request.created', at: at(), requestId: 'M1', region: mine, category: '供暖', channel: 'hotline', urgency: 'normal' }])
    post([{ id: 'm2', type: 'request.dispatched', at: at(), requestId: 'M1', department: '热力公司' }])
    const first = feeds.delta(mine)
    if (first) f.take(wire(first))
    // Only the sibling community changes from here on: the street's departments do too.
    for (let i = 0; i < 3; i++) {
      now += 60_000
      post([
        { id: `s${i}`, type: 'request.created', at: at(), requestId: `S${i}`, region: sibling, category: '供水', channel: 'app', urgency: 'normal' },
        { id: `d${i}`, type: 'request.dispatched', at: at(), requestId: `S${i}`, department: '自来水公司' },
      ])
      const delta = feeds.delta(mine)
      expect(delta).toBeDefined()
      f.take(wire(delta!))
    }
    // What a fresh engine fed the same events builds (no cached snapshot).
    const fresh = new Engine({ tree, clock: () => now })
    fresh.replayed()
    fresh.applyCommitted(events)
    fresh.tick()
    const expected = wire(fresh.snapshot(tree.indexOf(mine)))
    expect(f.current!.snapshot.closedLoop!.departments.scope).toBe(street.code)
    expect(f.current!.snapshot.closedLoop!.departments).toEqual(expected.closedLoop!.departments)
    expect(withoutClock(wire(engine.snapshot(tree.indexOf(mine))))).toEqual(withoutClock(expected))
  })

  it('sends only what changed: a new request in a community patches a few values and one child row', () => {
    let now = Date.parse('2026-11-20T10:00:00+08:00')
    const engine = new Engine({ tree, clock: () => now })
    engine.replayed()
    const feeds = createRoomFeeds(engine, 1)
    const sub = feeds.subscription('210302', tree.indexOf('210302'), 0)
    now += 1000
    engine.applyCommitted([{ id: 'x1', type: 'request.created', at: new Date(now).toISOString(), requestId: 'X1', region: communities[0], category: '供暖', channel: 'hotline', urgency: 'normal' }])
    engine.tick()
    const delta = feeds.delta('210302')!
    expect(delta.base).toBe(sub.seq)
    const patch = delta.patch as { children: Record<string, unknown> }
    expect(Object.keys(patch.children)).toHaveLength(1)
    expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(sub.snapshot).length / 4)
    expect(feeds.delta('210302')).toBeUndefined()
  })

  it('serialises the subscribe ack once per version for a few ticks, however many walls subscribe', () => {
    let now = Date.parse('2026-11-20T10:00:00+08:00')
    const engine = new Engine({ tree, clock: () => now })
    engine.replayed()
    const feeds = createRoomFeeds(engine, 1)
    const code = '210302'
    const first = feeds.subscriptionJson(code, tree.indexOf(code), 0)
    // Built again, its clock field would differ: the same text means it was not.
    now += 10
    expect(feeds.subscriptionJson(code, tree.indexOf(code), 0)).toBe(first)
    const ack = JSON.parse(first) as { ok: true; data: { seq: number; snapshot: Snapshot } }
    const sub = feeds.subscription(code, tree.indexOf(code), 0)
    expect(ack.ok).toBe(true)
    expect(ack.data.seq).toBe(sub.seq)
    expect(withoutClock(ack.data.snapshot)).toEqual(withoutClock(wire(sub.snapshot)))
    // A new version in the same tick: a new ack, with that version.
    now += 1000
    engine.applyCommitted([{ id: 'y1', type: 'request.created', at: new Date(now).toISOString(), requestId: 'Y1', region: communities[0], category: '供暖', channel: 'hotline', urgency: 'normal' }])
    engine.tick()
    const delta = feeds.delta(code)!
    const next = JSON.parse(feeds.subscriptionJson(code, tree.indexOf(code), 0)) as typeof ack
    expect(next.data.seq).toBe(delta.seq)
    expect(withoutClock(next.data.snapshot)).toEqual(withoutClock(wire(engine.snapshot(tree.indexOf(code)))))
    // Kept a few ticks while the version holds, then built again (fresh clock fields), once.
    const kept = feeds.subscriptionJson(code, tree.indexOf(code), 0)
    now += 10
    expect(feeds.subscriptionJson(code, tree.indexOf(code), ACK_TICKS - 1)).toBe(kept)
    const later = feeds.subscriptionJson(code, tree.indexOf(code), ACK_TICKS)
    expect(later).not.toBe(kept)
    expect(JSON.parse(later).data.seq).toBe(delta.seq)
    now += 10
    expect(feeds.subscriptionJson(code, tree.indexOf(code), ACK_TICKS + 1)).toBe(later)
  })
})
