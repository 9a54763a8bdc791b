import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildServer } from '../../server/testing/child-server.ts'
import { ROOT, converged, figures, openWall, pool, post, postOk, startNode, storedIds, until, type Posted, type Wall } from './cluster.ts'
import { redisKeys } from '../../server/store/redis-keys.ts'
import { uniquePrefix } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'

/** A Redis the suite can kill and restart: one redis-server, or the master of the root's slot in a cluster. */
export interface KillableRedis {
  url: string
  /** Kills (SIGKILL) the server holding `key` (a key of the root: they share one slot). */
  kill(key: string): Promise<void>
  /** Starts it again from its AOF, on the same port. */
  restart(): Promise<void>
  dispose(): Promise<void>
}

/** Redis stopped mid-ingest (SIGKILL) and restarted from its AOF, with two processes and an embedded twin. */
export function describeRedisOutage(label: string, startRedis: () => Promise<KillableRedis>): void {
  // The suite stops and restarts Redis, so it always runs its own server (even when REDIS_URL is set).
  let redis: KillableRedis
  const prefix = uniquePrefix('outage')
  let nodes: ChildServer[] = []
  let embedded: ChildServer
  let walls: Wall[] = []

  beforeAll(async () => {
    redis = await startRedis()
    ;[embedded, ...nodes] = await Promise.all([startNode(), startNode({ redisUrl: redis.url, prefix }), startNode({ redisUrl: redis.url, prefix })])
    walls = await Promise.all(nodes.map((n) => openWall(n.url)))
  }, 120_000)

  afterAll(async () => {
    for (const w of walls) w.close()
    await Promise.all([...nodes, embedded].filter(Boolean).map((n) => n.stop('SIGKILL')))
    await redis?.dispose()
  })

  const healthyBeat = (w: Wall) => w.beats.at(-1)?.beat.storeHealthy

  describe(`${label} stopped mid-ingest (SIGKILL) and restarted from its AOF`, () => {
    it('answers 503 with Retry-After, walls keep the last figures marked stale, and everything recovers with nothing acknowledged lost', async () => {
      const events = realisticEvents({ count: 6000, seed: 31, prefix: 'OUT', quiet: true })
      const parts = batches(events, 100)
      const results: Posted[] = new Array(parts.length)
      const acked = new Set<string>()
      const send = async (i: number) => {
        results[i] = await post(nodes[i % 2].url, parts[i])
        if (results[i].status === 200) for (const e of parts[i]) acked.add(e.id)
      }
      for (let i = 0; i < 10; i++) await send(i)

      // Kill Redis while batches are in flight.
      const inflight = pool(parts.slice(10, 40).map((_, j) => () => send(10 + j)), 4)
      await new Promise((r) => setTimeout(r, 30))
      await redis.kill(redisKeys(prefix, ROOT).events)
      await inflight
      for (let i = 40; i < 50; i++) await send(i)

      const refused = results.filter((r) => r && r.status !== 200)
      expect(refused.length).toBeGreaterThan(0)
      for (const r of refused) {
        expect(r.status).toBe(503)
        expect(Number(r.retryAfter)).toBeGreaterThan(0)
      }
      await until('walls to show stale', () => walls.every((w) => healthyBeat(w) === false))
      for (const n of nodes) expect((await fetch(`${n.url}/readyz`)).status).toBe(503)
      const frozen = await Promise.all(nodes.map((n) => figures(n.url)))
      await new Promise((r) => setTimeout(r, 500))
      expect(await Promise.all(nodes.map((n) => figures(n.url)))).toEqual(frozen)

      // Redis comes back on the same port and dir; the processes reconnect by themselves.
      await redis.restart()
      await until('processes to be ready again', async () => (await Promise.all(nodes.map((n) => fetch(`${n.url}/readyz`)))).every((r) => r.ok), 30_000)
      await until('walls to show live', () => walls.every((w) => healthyBeat(w) === true))

      const stored = await storedIds(redis.url, prefix)
      for (const id of acked) if (!stored.has(id)) throw new Error(`acknowledged ${id} was lost with the Redis restart`)

      // The client retries what was refused; then every figure matches the embedded store fed everything once.
      for (let i = 0; i < parts.length; i++) if (results[i]?.status !== 200) await postOk(nodes[(i + 1) % 2].url, parts[i])
      await pool(parts.slice(50).map((b, j) => () => postOk(nodes[j % 2].url, b)), 4)
      await pool(parts.map((b) => () => postOk(embedded.url, b)), 3)
      expect(await converged(nodes.map((n) => n.url))).toEqual(await figures(embedded.url))
    }, 180_000)
  })
}
