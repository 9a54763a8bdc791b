/**
 * A Redis-mode process whose own state is lost — refused by the engine (another state format or
 * region pack) or unreadable — recovers: reseeded from a peer's state (`REDIS_SEED_FROM`) once the
 * stream was trimmed past it, rebuilt from the stream while the stream still holds everything; the
 * log says which. Without either it stops, saying why.
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisKeys } from '../../server/store/redis-keys.ts'
import { localStateDir, splitCursor, withCursor } from '../../server/store/redis-local-state.ts'
import { converged, figures, pool, postOk, ROOT, startNode, until } from './cluster.ts'
import { redisForTests, uniquePrefix, type TestRedis } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'

type Node = Awaited<ReturnType<typeof startNode>>
let redis: TestRedis
const dirs: string[] = []
const running: Node[] = []
const own = () => {
  const d = mkdtempSync(join(tmpdir(), 'yiwang-recover-'))
  dirs.push(d)
  return d
}
const start = async (prefix: string, dataDir: string, env: Record<string, string> = {}) => {
  const n = await startNode({ redisUrl: redis.url, prefix, dataDir, env })
  running.push(n)
  return n
}

beforeAll(async () => {
  redis = await redisForTests()
}, 60_000)

afterAll(async () => {
  await Promise.all(running.map((n) => n.stop('SIGKILL')))
  await redis?.dispose()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Replaces the engine state of a stopped process's checkpoint with bytes no engine reads (as a new state format would be to an old one). */
function garbleCheckpoint(dataDir: string, prefix: string): void {
  const db = new Database(join(localStateDir(dataDir, prefix, ROOT), 'yiwang.db'))
  try {
    const saved = db.prepare(`SELECT v FROM meta WHERE k = 'checkpoint'`).pluck().get() as Buffer
    const { cursor } = splitCursor(saved)!
    db.prepare(`UPDATE meta SET v = ? WHERE k = 'checkpoint'`).run(Buffer.from(withCursor(cursor, Buffer.from('a state of another format'))))
  } finally {
    db.close()
  }
}

/** Makes a stopped process's database unreadable (not an SQLite file any more). */
function breakDatabase(dataDir: string, prefix: string): void {
  const dir = localStateDir(dataDir, prefix, ROOT)
  for (const f of ['yiwang.db-wal', 'yiwang.db-shm']) rmSync(join(dir, f), { force: true })
  writeFileSync(join(dir, 'yiwang.db'), Buffer.alloc(8192, 'x'))
}

async function trimmedPast(prefix: string): Promise<void> {
  const r = new Redis(redis.url)
  try {
    await until('the stream to be trimmed', async () => /^[1-9]\d*-\d+$/.test((await r.get(redisKeys(prefix, ROOT).trimmed)) ?? ''))
  } finally {
    r.disconnect()
  }
}

describe('a process whose local state is lost', () => {
  it('is reseeded from a peer once the stream was trimmed past it (refused state, then unreadable state)', async () => {
    const prefix = uniquePrefix('reseed')
    const [twin, a, b] = await Promise.all([startNode(), start(prefix, own()), start(prefix, own())])
    running.push(twin)
    const events = realisticEvents({ count: 3000, seed: 81, prefix: 'RS', quiet: true })
    const parts = batches(events, 200)
    await Promise.all([pool(parts.map((p, i) => () => postOk([a, b][i % 2].url, p)), 3), pool(parts.map((p) => () => postOk(twin.url, p)), 2)])
    const truth = await figures(twin.url)
    expect(await converged([a.url, b.url])).toEqual(truth)
    await trimmedPast(prefix)

    await b.stop('SIGTERM')
    garbleCheckpoint(b.dataDir, prefix)
    const refused = await start(prefix, b.dataDir, { REDIS_SEED_FROM: a.dataDir })
    expect(refused.output()).toMatch(/local state refused by the engine .*: reseeded from the peer's state in /)
    expect(await converged([a.url, refused.url])).toEqual(truth)

    await refused.stop('SIGTERM')
    breakDatabase(b.dataDir, prefix)
    // Without a peer to reseed from, it stops and says why.
    await expect(startNode({ redisUrl: redis.url, prefix, dataDir: b.dataDir })).rejects.toThrow(/trimmed to .* past this process's state \(local state unreadable \(file is not a database\)/)
    const unreadable = await start(prefix, b.dataDir, { REDIS_SEED_FROM: a.dataDir })
    expect(unreadable.output()).toMatch(/local state unreadable \(.*\): reseeded from the peer's state in /)
    // It ingests and agrees afterwards too.
    const more = realisticEvents({ count: 500, seed: 82, prefix: 'RT', quiet: true })
    await Promise.all([postOk(unreadable.url, more), postOk(twin.url, more)])
    expect(await converged([a.url, unreadable.url])).toEqual(await figures(twin.url))

    // A state format no process of the root reads (the peer's copy is refused too): it stops, saying what to do.
    await Promise.all([a.stop('SIGTERM'), unreadable.stop('SIGTERM')])
    garbleCheckpoint(a.dataDir, prefix)
    garbleCheckpoint(b.dataDir, prefix)
    await expect(startNode({ redisUrl: redis.url, prefix, dataDir: b.dataDir, env: { REDIS_SEED_FROM: a.dataDir } })).rejects.toThrow(
      /the state seeded from .* is refused by the engine .* too; .*run a version whose engine reads that state, or rebuild the root from its source events under a new KEY_PREFIX/,
    )
  }, 240_000)

  it('is rebuilt from the stream while the stream still holds every entry', async () => {
    const prefix = uniquePrefix('rebuild')
    // A reader registered at the start of the stream (a peer not yet checkpointed) keeps the whole stream.
    const r = new Redis(redis.url)
    await r.hset(redisKeys(prefix, ROOT).cursors, 'holder', `0-0@${Date.now()}`)
    r.disconnect()
    const [twin, c] = await Promise.all([startNode(), start(prefix, own())])
    running.push(twin)
    const events = realisticEvents({ count: 2000, seed: 83, prefix: 'RB', quiet: true })
    await Promise.all([pool(batches(events, 200).map((p) => () => postOk(c.url, p)), 2), pool(batches(events, 200).map((p) => () => postOk(twin.url, p)), 2)])
    expect(await figures(c.url)).toEqual(await figures(twin.url))
    await c.stop('SIGTERM')
    expect(readFileSync(join(localStateDir(c.dataDir, prefix, ROOT), 'node'), 'utf8')).toMatch(/^[0-9a-f]{16}$/)
    garbleCheckpoint(c.dataDir, prefix)
    const rebuilt = await start(prefix, c.dataDir)
    expect(rebuilt.output()).toMatch(/local state refused by the engine .*: rebuilt from the stream/)
    expect(await figures(rebuilt.url)).toEqual(await figures(twin.url))
  }, 120_000)
})
