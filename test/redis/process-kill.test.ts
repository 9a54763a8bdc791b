import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { redisKeys } from '../../server/store/redis-keys.ts'
import { seedFromPeer } from '../../server/store/redis-seed.ts'
import { converged, figures, pool, post, postOk, ROOT, startNode, storedIds, until } from './cluster.ts'
import { redisForTests, uniquePrefix, type TestRedis } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'

let redis: TestRedis
const prefix = uniquePrefix('kill')
const nodes: Awaited<ReturnType<typeof startNode>>[] = []
const dirs: string[] = []
let embedded: Awaited<ReturnType<typeof startNode>>

beforeAll(async () => {
  redis = await redisForTests()
  // Own state folders, kept when a process dies: a killed process restarts on its own.
  const own = () => {
    const d = mkdtempSync(join(tmpdir(), 'yiwang-kill-'))
    dirs.push(d)
    return d
  }
  const started = await Promise.all([startNode(), ...[0, 1, 2].map(() => startNode({ redisUrl: redis.url, prefix, dataDir: own() }))])
  embedded = started[0]
  nodes.push(...started.slice(1))
}, 120_000)

afterAll(async () => {
  await Promise.all([...nodes, embedded].filter(Boolean).map((n) => n.stop('SIGKILL')))
  await redis?.dispose()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
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

    // The killed process restarts on its own state folder: it resumes from its last checkpoint.
    const restarted = await startNode({ redisUrl: redis.url, prefix, dataDir: victim.dataDir })
    nodes.push(restarted)
    expect(await converged([...survivors, restarted.url])).toEqual(agreed)
    // The stream has been trimmed behind the processes' checkpoints: a process without state cannot
    // rebuild from it and says so; a new process joins from a copy of a survivor's state.
    const r = new Redis(redis.url)
    // (every process checkpoints at least every 2 s, and the trim follows the slowest one)
    await until('the stream to be trimmed', async () => /^[1-9]\d*-\d+$/.test((await r.get(redisKeys(prefix, ROOT).trimmed)) ?? ''))
    r.disconnect()
    await expect(startNode({ redisUrl: redis.url, prefix })).rejects.toThrow(/trimmed/)
    const fresh = mkdtempSync(join(tmpdir(), 'yiwang-seeded-'))
    dirs.push(fresh)
    await seedFromPeer({ url: redis.url, prefix, root: ROOT, from: nodes[0].dataDir, to: fresh })
    const seeded = await startNode({ redisUrl: redis.url, prefix, dataDir: fresh })
    nodes.push(seeded)
    expect(await converged([...survivors, restarted.url, seeded.url])).toEqual(agreed)
  }, 180_000)
})
