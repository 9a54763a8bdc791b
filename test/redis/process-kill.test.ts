import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { ChildServer } from '../../server/testing/child-server.ts'
import { converged, figures, pool, post, postOk, startNode, storedIds } from './cluster.ts'
import { redisForTests, uniquePrefix, type TestRedis } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'

let redis: TestRedis
const prefix = uniquePrefix('kill')
const nodes: ChildServer[] = []
let embedded: ChildServer

beforeAll(async () => {
  redis = await redisForTests()
  const started = await Promise.all([startNode(), ...[0, 1, 2].map(() => startNode({ redisUrl: redis.url, prefix }))])
  embedded = started[0]
  nodes.push(...started.slice(1))
}, 120_000)

afterAll(async () => {
  await Promise.all([...nodes, embedded].filter(Boolean).map((n) => n.stop('SIGKILL')))
  await redis?.dispose()
})

describe('a process killed with SIGKILL mid-ingest', () => {
  it('loses nothing acknowledged; the others carry on; a replacement catches up', async () => {
    const events = realisticEvents({ count: 9000, seed: 21, prefix: 'KILL', quiet: true })
    const parts = batches(events, 100)
    const victim = nodes[2]
    const alive = () => nodes.filter((n) => n !== victim || victim.proc.exitCode === null && victim.proc.signalCode === null)
    const acked = new Set<string>()
    let failedAtVictim = 0
    let sent = 0
    // Batches spread over all three; the victim dies after a third of them. A client retries a failed batch elsewhere.
    await pool(
      parts.map((batch, i) => async () => {
        if (++sent === 30) void victim.stop('SIGKILL')
        let target = nodes[i % 3]
        for (let attempt = 0; ; attempt++) {
          const r = await post(target.url, batch)
          if (r.status === 200) {
            for (const e of batch) acked.add(e.id)
            return
          }
          if (target === victim) failedAtVictim++
          if (attempt > 20) throw new Error(`batch ${i} never acknowledged: ${r.status}`)
          const live = alive()
          target = live[(i + attempt + 1) % live.length]
        }
      }),
      6,
    )
    expect(victim.proc.signalCode).toBe('SIGKILL')
    expect(failedAtVictim).toBeGreaterThan(0)
    expect(acked.size).toBe(new Set(events.map((e: IngestEvent) => e.id)).size)

    const stored = await storedIds(redis.url, prefix)
    for (const id of acked) if (!stored.has(id)) throw new Error(`acknowledged ${id} is not in Redis`)

    await pool(parts.map((b) => () => postOk(embedded.url, b)), 3)
    const survivors = nodes.slice(0, 2).map((n) => n.url)
    const agreed = await converged(survivors)
    expect(agreed).toEqual(await figures(embedded.url))

    const replacement = await startNode({ redisUrl: redis.url, prefix })
    nodes.push(replacement)
    expect(await converged([...survivors, replacement.url])).toEqual(agreed)
  }, 180_000)
})
