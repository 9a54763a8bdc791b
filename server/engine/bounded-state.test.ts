/**
 * State kept as rows in the embedded store gives the same figures as state held wholly in memory:
 * with few days held in memory, closed requests leaving memory after a day, checkpoints written
 * as increments, restarts in the middle, and late events for requests and days no longer in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../../mock/simulator.ts'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex, DAY_MS, dayToDate, HOUR_MS } from '../../shared/time-windows.ts'
import { createBriefingService } from '../briefing/briefing-service.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { SqliteStore } from '../store/sqlite-store.ts'
import { Engine } from './engine.ts'
import { departmentRanking } from './closed-loop-figures.ts'
import { DEPARTMENT_WINDOWS } from '../../shared/department-types.ts'

const FROM = Date.parse('2026-09-10T00:00:00+08:00')
const NOW = Date.parse('2026-11-22T09:30:00+08:00')
const HOT_DAYS = 10

let tree: RegionTree
const dir = mkdtempSync(join(tmpdir(), 'yiwang-bounded-'))
const clock = { now: FROM }
let memory: Engine
let tabled: Engine
let store: SqliteStore
let restarts = 0
let evictedSeen = 0
let maxHotDays = 0
let midBatchCheckpoint = false
/** Requests that left memory in one checkpoint, at most. */
let maxEvictedAtOnce = 0
const EVICT_PER_CHECKPOINT = 150

async function openTabled(): Promise<void> {
  // One part of events a turn, however fast the machine: a checkpoint can fall inside a batch.
  store = new SqliteStore(dir, { clock: () => clock.now, applyMs: 0 })
  tabled = new Engine({ tree, clock: () => clock.now, hotDays: HOT_DAYS, evictAfterMs: DAY_MS, evictPerCheckpoint: EVICT_PER_CHECKPOINT })
  tabled.useTables(store.tables!)
  await store.open(
    (cp) => tabled.restore(cp.state),
    (events) => tabled.applyCommitted(events),
  )
  tabled.replayed()
}

async function checkpoint(): Promise<void> {
  const before = tabled.agg.requests.size
  const { state, rows } = tabled.checkpointState()
  maxEvictedAtOnce = Math.max(maxEvictedAtOnce, before - tabled.agg.requests.size)
  await store.saveCheckpoint(state, rows)
  tabled.checkpointSaved()
}

/** Late events for requests created long ago: they change days and requests no longer in memory. */
function lateEvents(all: IngestEvent[], at: number): IngestEvent[] {
  const old = all.filter((e) => e.type === 'request.created' && Date.parse(e.at) < at - 40 * DAY_MS).slice(0, 30)
  const iso = new Date(at).toISOString()
  return old.flatMap((e, i) => {
    const requestId = (e as { requestId: string }).requestId
    return [
      { id: `late-s-${i}`, type: 'request.supervised', at: iso, requestId },
      ...(i % 3 === 0 ? [{ id: `late-r-${i}`, type: 'request.reopened', at: iso, requestId }] : []),
      ...(i % 5 === 0 ? [{ id: `late-v-${i}`, type: 'request.visited', at: new Date(at - 35 * DAY_MS).toISOString(), requestId, satisfaction: 'dissatisfied' }] : []),
    ] as IngestEvent[]
  })
}

beforeAll(async () => {
  tree = loadRegionPack('2103')
  // The same visit window as the tabled engine's (it follows the time a closed request stays in memory).
  memory = new Engine({ tree, clock: () => clock.now, evictAfterMs: DAY_MS })
  memory.replayed()
  await openTabled()
  const sim = createSimulator({ tree, seed: 3, from: FROM, gridFrom: NOW - 5 * DAY_MS, dailyVolume: 300 })
  const all: IngestEvent[] = []
  let step = 0
  for (let t = FROM + 6 * HOUR_MS; t <= NOW + 6 * HOUR_MS; t += 6 * HOUR_MS) {
    clock.now = Math.min(t, NOW)
    const batch = sim.take(clock.now)
    if (clock.now === NOW) batch.push(...lateEvents(all, NOW - HOUR_MS))
    all.push(...batch)
    memory.applyCommitted(batch)
    memory.tick()
    for (let i = 0; i < batch.length; i += 500) await store.append(batch.slice(i, i + 500))
    tabled.tick()
    if (++step % 3 === 0) await checkpoint()
    evictedSeen = Math.max(evictedSeen, memory.agg.requests.size - tabled.agg.requests.size)
    for (const s of tabled.agg.stats) if (s) maxHotDays = Math.max(maxHotDays, s.days.size)
    // Restart twice: once after a checkpoint, once with a checkpoint taken while a batch was
    // being applied a slice at a time, and the rest of it after the checkpoint.
    if (step === 120 || step === 200) {
      if (step === 200) {
        // Half a day in one batch: many slices (one part of 32 events a turn here).
        t += 12 * HOUR_MS
        clock.now = t
        // Led by supervisions (each counts once in 督办), so a slice applied twice would show.
        const open = all.filter((e) => e.type === 'request.created').slice(-300)
        const more = [
          ...open.map((e, i) => ({ id: `mid-s-${i}`, type: 'request.supervised', at: new Date(clock.now - HOUR_MS).toISOString(), requestId: (e as { requestId: string }).requestId }) as IngestEvent),
          ...sim.take(clock.now),
        ]
        expect(more.length).toBeGreaterThan(500)
        all.push(...more)
        memory.applyCommitted(more)
        const supervised = () => tabled.snapshot(0).windows.today.supervised
        const before = supervised()
        const appending = store.append(more)
        // The first slice (32 supervisions) is in, the rest of the batch not yet.
        while (supervised() === before) await new Promise((r) => setImmediate(r))
        const mid = supervised()
        await checkpoint()
        await appending
        midBatchCheckpoint = mid > before && supervised() > mid
      }
      await store.close()
      restarts++
      await openTabled()
    }
  }
  // 超期 by age is counted a slice per turn, a count skipped while one is under way: both engines'
  // counts as of now, finished, before the snapshots are compared.
  for (const e of [memory, tabled]) {
    await e['overdueAges'].idle()
    await e['overdueAges'].refresh(clock.now, true)
  }
}, 180_000)

afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const REGIONS = ['2103', '210302', '210303', '210302002', '210302002001', '210302002001001', '210381']

describe('state kept as rows in the embedded store', () => {
  it('really bounded memory: requests left memory and only the hot days are held', () => {
    expect(restarts).toBe(2)
    expect(midBatchCheckpoint, 'the checkpoint fell between two slices of one batch').toBe(true)
    expect(evictedSeen).toBeGreaterThan(1000)
    // A checkpoint takes a bounded share of what may leave (a backfill's old requests over several).
    expect(maxEvictedAtOnce).toBe(EVICT_PER_CHECKPOINT)
    expect(maxHotDays).toBeLessThanOrEqual(HOT_DAYS + 1)
    expect(tabled.agg.requests.size).toBeLessThan(memory.agg.requests.size / 2)
  })

  it('gives the same snapshots as the engine holding everything in memory', () => {
    for (const code of REGIONS) {
      const i = tree.indexOf(code)
      const a = { ...memory.snapshot(i), asOf: 0, lastEventAt: 0 }
      const b = { ...tabled.snapshot(i), asOf: 0, lastEventAt: 0 }
      expect(b, code).toEqual(a)
      // The cohort rates and the last patrol are among the figures compared, and not empty.
      if (a.level !== 'grid') expect(a.cohort!.last7.h24.n, code).toBeGreaterThan(0)
      if (a.level !== 'grid') expect(a.cohort!.month.h72.done, code).toBeGreaterThan(0)
      expect(a.grid.lastPatrolAt, code).not.toBeNull()
    }
  })

  it('gives the same briefings, for yesterday and for days long out of memory', () => {
    const ma = createBriefingService(memory)
    const mb = createBriefingService(tabled)
    const today = dayIndex(NOW)
    for (const code of ['2103', '210302', '210302002']) {
      for (const back of [1, 3, HOT_DAYS + 5, 40, 60]) {
        const i = tree.indexOf(code)
        const date = dayToDate(today - back)
        const a = { ...ma.get(i, date), generatedAt: 0 }
        const b = { ...mb.get(i, date), generatedAt: 0 }
        expect(b, `${code} ${date}`).toEqual(a)
      }
    }
  })

  it('gives the same department figures, for every window and for days out of memory', () => {
    const today = dayIndex(NOW)
    for (const code of REGIONS) {
      const i = tree.indexOf(code)
      for (const w of DEPARTMENT_WINDOWS) {
        for (const back of [0, 1, 9, 40]) {
          const a = departmentRanking(memory.agg, memory.loop, i, w, today - back)
          expect(a.rows.length, code).toBeGreaterThan(0)
          expect(departmentRanking(tabled.agg, tabled.loop, i, w, today - back), `${code} ${w} ${back}`).toEqual(a)
        }
      }
    }
  })

  it('keeps the data age across restarts', () => {
    expect(tabled.agg.lastEventAt).not.toBeNull()
    expect(tabled.agg.lastEventAt).toBeLessThanOrEqual(NOW)
  })
})
