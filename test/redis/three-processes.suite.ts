import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildServer } from '../../server/testing/child-server.ts'
import { BEAT_TICKS } from '../../shared/socket-contract.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { converged, figures, openWall, pool, post, postOk, startNode, storedIds, stripClock, TICK_MS, until, type Wall } from './cluster.ts'
import { uniquePrefix } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'

/** A Redis (or cluster) for the suite: its URL, and how to dispose of it. */
export interface SuiteRedis {
  url: string
  dispose(): Promise<void>
}

/** Three server processes on one Redis or Redis Cluster, checked against an embedded twin. */
export function describeThreeProcesses(label: string, startRedis: () => Promise<SuiteRedis>): void {
  let redis: SuiteRedis
  const prefix = uniquePrefix('three')
  let nodes: ChildServer[] = []
  let embedded: ChildServer
  let walls: Wall[] = []

  beforeAll(async () => {
    redis = await startRedis()
    ;[embedded, ...nodes] = await Promise.all([
      startNode(),
      startNode({ redisUrl: redis.url, prefix }),
      startNode({ redisUrl: redis.url, prefix }),
      startNode({ redisUrl: redis.url, prefix }),
    ])
    walls = await Promise.all(nodes.map((n) => openWall(n.url)))
  }, 120_000)

  afterAll(async () => {
    for (const w of walls) w.close()
    await Promise.all([...nodes, embedded].filter(Boolean).map((n) => n.stop()))
    await redis?.dispose()
  })

  describe(`three processes on ${label}`, () => {
    it('ingest anywhere, every wall and snapshot shows the figures of the embedded store fed the same events', async () => {
      const events = realisticEvents({ count: 6000, seed: 7, prefix: 'THREE', quiet: true })
      const parts = batches(events, 200)
      // Batch i goes to process i % 3, so lifecycles span processes; the embedded twin gets everything.
      const results = await pool(
        parts.map((b, i) => () => postOk(nodes[i % 3].url, b)),
        6,
      )
      await pool(
        parts.map((b) => () => postOk(embedded.url, b)),
        3,
      )
      const accepted = results.reduce((n, r) => n + (r.body?.accepted ?? 0), 0)
      expect(accepted).toBe(new Set(events.map((e) => e.id)).size)

      const agreed = await converged(nodes.map((n) => n.url))
      expect(agreed).toEqual(await figures(embedded.url))
      for (const region of ['210302', '210302002001']) {
        expect(await converged(nodes.map((n) => n.url), region)).toEqual(await figures(embedded.url, region))
      }

      // Each wall's snapshot after its latest delta holds the agreed figures (deeply equal: a patch may
      // add a key to an object in another place than the server's own snapshot has it).
      await until('walls to show the agreed figures', () => walls.every((w) => w.kpis.length && isDeepStrictEqual(stripClock(w.kpis.at(-1)!.snapshot), agreed)))
    }, 120_000)

    it('applies an id posted to two processes once, even at the same moment', async () => {
      const events = realisticEvents({ count: 400, seed: 8, prefix: 'TWICE', quiet: true })
      const [a, b] = await Promise.all([postOk(nodes[0].url, events), postOk(nodes[1].url, events)])
      expect(a.body!.accepted! + b.body!.accepted!).toBe(400)
      expect(a.body!.duplicates! + b.body!.duplicates!).toBe(400)
      const again = await postOk(nodes[2].url, events.slice(0, 50))
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 50 })
      await postOk(embedded.url, events)
      expect(await converged(nodes.map((n) => n.url))).toEqual(await figures(embedded.url))
    }, 60_000)

    it('attributes a completion ingested at one process to the request created at another', async () => {
      const region = '210303002001'
      const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString()
      const created = {
        id: 'CROSS-1:created', type: 'request.created' as const, at: at(7), requestId: 'CROSS-1', region,
        category: '燃气', channel: 'app' as const, urgency: 'urgent' as const, deadline: at(-48),
      }
      const completed = { id: 'CROSS-1:completed', type: 'request.completed' as const, at: at(6), requestId: 'CROSS-1' }
      const before = await figures(nodes[1].url, region)
      // The completion arrives first, at another process: out of order and across processes.
      await postOk(nodes[1].url, [completed])
      await postOk(nodes[0].url, [created])
      await postOk(embedded.url, [completed, created])
      const after = await converged(nodes.map((n) => n.url), region)
      expect(after).toEqual(await figures(embedded.url, region))
      expect(after).not.toEqual(before)
    }, 60_000)

    it('pushes each change once to each wall, and at most one frame per tick (a quiet one every BEAT_TICKS ticks of at least 1 s)', async () => {
      await converged(nodes.map((n) => n.url))
      await new Promise((r) => setTimeout(r, 5 * TICK_MS))
      const kpisBefore = walls.map((w) => w.kpis.length)
      const beatsBefore = walls.map((w) => w.beats.length)
      const started = Date.now()
      const [event] = realisticEvents({ count: 1, seed: 11, prefix: 'ONCE', quiet: true }).filter((e) => e.type === 'request.created')
      await postOk(nodes[0].url, [event])
      await converged(nodes.map((n) => n.url))
      await new Promise((r) => setTimeout(r, 10 * TICK_MS))
      const elapsed = Date.now() - started
      // The new request (created yesterday or today) in 受理 of the two days.
      const accepted = (k: { snapshot: Snapshot }) => k.snapshot.windows.today.accepted + k.snapshot.windows.yesterday.accepted
      walls.forEach((w, i) => {
        const frames = w.kpis.slice(kpisBefore[i])
        // One frame brings the change, counted once; other frames may carry what time alone
        // moves meanwhile (an overdue request's age band, a stage's age band).
        let prev = accepted(w.kpis[kpisBefore[i] - 1])
        let changes = 0
        for (const k of frames) {
          if (accepted(k) !== prev) changes++
          prev = accepted(k)
        }
        expect(changes).toBe(1)
        expect(prev - accepted(w.kpis[kpisBefore[i] - 1])).toBe(1)
        expect(frames.length).toBeLessThanOrEqual(elapsed / TICK_MS + 2)
        // The delta's frame, and a heartbeat each BEAT_TICKS ticks of at least 1 s when quiet.
        expect(w.beats.length - beatsBefore[i]).toBeLessThanOrEqual(elapsed / TICK_MS + 2)
        expect(w.beats.length - beatsBefore[i]).toBeGreaterThanOrEqual(Math.max(1, Math.floor(elapsed / (BEAT_TICKS * 1000)) - 1))
      })
      await postOk(embedded.url, [event])
    }, 30_000)

    it('keeps every acknowledged event in the stream', async () => {
      const events = realisticEvents({ count: 10, seed: 10, prefix: 'KEPT' })
      const res = await post(nodes[0].url, events)
      expect(res.status).toBe(200)
      const ids = await storedIds(redis.url, prefix)
      for (const e of events) expect(ids.has(e.id)).toBe(true)
      for (const w of walls) expect(w.beats.at(-1)?.beat.storeHealthy).toBe(true)
    }, 30_000)
  })
}
