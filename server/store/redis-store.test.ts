import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { Server } from 'socket.io'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { redisForTests, startRedis, uniquePrefix, type TestRedis } from '../../test/redis/redis-server.ts'
import { loadConfig } from '../config.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { createRedisBackend } from './redis-backend.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import { idExpiry, nextGeneration, redisKeys } from './redis-keys.ts'
import { redisOptionsFromEnv } from './redis-options.ts'
import { RedisStore } from './redis-store.ts'
import { contractEvent, describeStoreContract } from './store-contract.ts'

let redis: TestRedis
beforeAll(async () => {
  redis = await redisForTests()
})
afterAll(async () => {
  await redis?.dispose()
})

const dirs: string[] = []
/** A fresh folder for a process's local state, removed after the file's tests. */
export function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-redis-state-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describeStoreContract('redis', async (settings = {}) => {
  const prefix = uniquePrefix('contract')
  const dataDir = stateDir()
  const make = () => new RedisStore({ ...redisOptionsFromEnv(redis.url, prefix, { DATA_DIR: dataDir }), ...settings })
  return {
    store: make(),
    reopen: async () => make(),
    keepsLogBehindCheckpoint: false,
    cleanup: async () => {
      const r = new Redis(redis.url)
      const keys = await r.keys(`{${prefix}:*`)
      if (keys.length) await r.del(...keys)
      r.disconnect()
    },
  }
})

const opts = (prefix: string, env: Record<string, string> = {}) =>
  redisOptionsFromEnv(redis.url, prefix, { REDIS_CONNECT_WAIT_MS: '5000', DATA_DIR: stateDir(), ...env })

/** Opens a store on `prefix` recording what it delivers. */
async function opened(prefix: string, env?: Record<string, string>) {
  const store = new RedisStore(opts(prefix, env))
  const ids: string[] = []
  await store.open(() => true, (events) => ids.push(...events.map((e) => e.id)))
  return { store, ids }
}

describe('RedisStore beyond the contract', () => {
  it('shares one log between processes: an id posted to both is applied once, and both see every event', async () => {
    const prefix = uniquePrefix('shared')
    const [a, b] = [await opened(prefix), await opened(prefix)]
    const e1 = contractEvent()
    const e2 = contractEvent()
    const [ra, rb] = await Promise.all([a.store.append([e1, e2]), b.store.append([e2, e1])])
    expect(ra.fresh.filter(Boolean).length + rb.fresh.filter(Boolean).length).toBe(2)
    await vi.waitFor(() => {
      expect(a.ids.sort()).toEqual([e1.id, e2.id].sort())
      expect(b.ids).toEqual(a.ids)
    })
    await a.store.close()
    await b.store.close()
  })

  it('stores a 5,000-event batch spanning 50 days in one entry, and knows every id after', async () => {
    const prefix = uniquePrefix('big')
    const { store, ids } = await opened(prefix)
    const events = Array.from({ length: 5000 }, (_, i) => contractEvent(`big-${i}`, i % 50))
    expect((await store.append(events)).fresh.every(Boolean)).toBe(true)
    expect(ids).toEqual(events.map((e) => e.id))
    const again = await store.append([...events.slice(0, 2500), contractEvent('big-new', 7)])
    expect(again.fresh.filter(Boolean)).toHaveLength(1)
    expect(again.fresh.at(-1)).toBe(true)
    const r = new Redis(redis.url)
    expect(await r.xlen(redisKeys(prefix, '2103').events)).toBe(2)
    r.disconnect()
    await store.close()
  })

  it('keeps every key under the hash tag of the root; ids go to the set of their ingest day, kept until the window has passed', async () => {
    const prefix = uniquePrefix('keys')
    const { store } = await opened(prefix, { DEDUPE_DAYS: '30', REGION_ROOT: '210300' })
    await store.append([contractEvent(), contractEvent(undefined, 3), contractEvent(undefined, 25)])
    await store.saveCheckpoint(Uint8Array.from([1]))
    const r = new Redis(redis.url)
    const keys = (await r.keys(`*${prefix}*`)).sort()
    expect(keys.every((k) => k.startsWith(`{${prefix}:2103}:`))).toBe(true)
    const k = redisKeys(prefix, '2103')
    const gens = await r.zrange(k.generations, '0', '-1', 'WITHSCORES')
    expect(gens[0]).toBe(nextGeneration(undefined, dayIndex(Date.now())))
    expect(Number(gens[1])).toBe(idExpiry(dayIndex(Date.now()), 30))
    expect(keys.filter((key) => key.includes(':ids:'))).toEqual([k.ids(gens[0])])
    expect(await r.scard(k.ids(gens[0]))).toBe(3)
    const ttl = await r.pttl(k.ids(gens[0]))
    expect(ttl).toBeGreaterThan(31 * 86_400_000)
    expect(ttl).toBeLessThanOrEqual(33 * 86_400_000)
    r.disconnect()
    await store.close()
  })

  it('starts a new id set when one is full, and looks in every live one', async () => {
    const prefix = uniquePrefix('full')
    const a = new RedisStore({ ...opts(prefix), idGenerationMax: 10 })
    const b = new RedisStore({ ...opts(prefix), idGenerationMax: 10 })
    for (const s of [a, b]) await s.open(() => true, () => {})
    const events = Array.from({ length: 40 }, (_, i) => contractEvent(`full-${i}`, i % 5))
    for (let i = 0; i < 40; i += 4) expect((await (i % 8 ? a : b).append(events.slice(i, i + 4))).fresh.every(Boolean)).toBe(true)
    const r = new Redis(redis.url)
    const k = redisKeys(prefix, '2103')
    const gens = await r.zrange(k.generations, '0', '-1')
    expect(gens.length).toBeGreaterThanOrEqual(4)
    for (const g of gens) expect(await r.scard(k.ids(g))).toBeLessThanOrEqual(10)
    // Both processes know every id, whichever set holds it.
    expect((await a.append(events)).fresh.some(Boolean)).toBe(false)
    expect((await b.append([...events.slice(0, 20), contractEvent('full-new')])).fresh.filter(Boolean)).toHaveLength(1)
    r.disconnect()
    await a.close()
    await b.close()
  })

  it('trims the stream behind the lowest cursor of the processes checkpointing, and forgets a process silent past the retention', async () => {
    const prefix = uniquePrefix('trim')
    const keys = redisKeys(prefix, '2103')
    const r = new Redis(redis.url)
    const a = await opened(prefix)
    const b = await opened(prefix)
    for (let i = 0; i < 5; i++) await a.store.append([contractEvent()])
    await vi.waitFor(() => expect(b.ids).toHaveLength(5))
    await b.store.saveCheckpoint(Uint8Array.from([1]))
    const bCursor = b.store.cursor
    for (let i = 0; i < 5; i++) await a.store.append([contractEvent()])
    await a.store.saveCheckpoint(Uint8Array.from([2]))
    // b still needs what follows its cursor: the stream starts at it.
    expect((await r.xrange(keys.events, '-', '+', 'COUNT', 1))[0][0]).toBe(bCursor)
    expect(await r.xlen(keys.events)).toBe(6)
    await vi.waitFor(() => expect(b.ids).toHaveLength(10))
    await b.store.saveCheckpoint(Uint8Array.from([3]))
    expect(await r.xlen(keys.events)).toBe(1)
    expect(await r.get(keys.trimmed)).toBe(a.store.cursor)
    // A process whose checkpoint is older than the retention no longer holds the trim back.
    await r.hset(keys.cursors, 'gone', `0-1@${Date.now() - 73 * 3_600_000}`)
    await a.store.append([contractEvent()])
    await a.store.saveCheckpoint(Uint8Array.from([4]))
    expect(await r.hexists(keys.cursors, 'gone')).toBe(0)
    expect(await r.hlen(keys.cursors)).toBe(2)
    r.disconnect()
    await a.store.close()
    await b.store.close()
  })

  it('restarts from its own state: the cursor it checkpointed, nothing replayed twice', async () => {
    const prefix = uniquePrefix('restart')
    const env = { DATA_DIR: stateDir() }
    const first = await opened(prefix, env)
    const before = [contractEvent(), contractEvent()]
    await first.store.append(before)
    await first.store.saveCheckpoint(Uint8Array.from([7, 7]))
    const after = [contractEvent()]
    await first.store.append(after)
    await first.store.close()
    const again = new RedisStore(opts(prefix, env))
    const states: number[][] = []
    const ids: string[] = []
    await again.open(
      (c) => (states.push([...c.state]), true),
      (events) => ids.push(...events.map((e) => e.id)),
    )
    expect(states).toEqual([[7, 7]])
    expect(ids).toEqual(after.map((e) => e.id))
    await again.close()
  })

  it('rejects appends at once while Redis is away, and recovers by itself', async () => {
    // appendfsync always: with everysec, Redis may postpone the AOF write behind a background fsync
    // and answer first, so a SIGKILL right after an append can lose it.
    const own = await startRedis({ appendfsync: 'always' })
    const store = new RedisStore(redisOptionsFromEnv(own.url, 'outage', { REDIS_CONNECT_WAIT_MS: '5000', DATA_DIR: stateDir() }))
    const ids: string[] = []
    await store.open(() => true, (events) => ids.push(...events.map((e) => e.id)))
    await store.append([contractEvent('before')])
    await own.stop('SIGKILL')
    await vi.waitFor(() => expect(store.healthy).toBe(false))
    const started = Date.now()
    await expect(store.append([contractEvent('during')])).rejects.toThrow(/unavailable/)
    await expect(store.ping()).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(500)
    await own.start()
    await vi.waitFor(() => expect(store.healthy).toBe(true), { timeout: 10_000 })
    expect(await store.append([contractEvent('before'), contractEvent('after')])).toEqual({ fresh: [false, true] })
    expect(ids).toEqual(['before', 'after'])
    await store.close()
    await own.dispose()
  })

  it('connects the Socket.IO adapter of every process through Redis', async () => {
    const prefix = uniquePrefix('io')
    const config = loadConfig({ REDIS_URL: redis.url, KEY_PREFIX: prefix, DATA_DIR: stateDir() })
    const backends = [createRedisBackend(config, {}), createRedisBackend(config, {})]
    const servers: YiwangServer[] = backends.map((b) => {
      const io: YiwangServer = new Server()
      b.configureIo(io)
      return io
    })
    await vi.waitFor(async () => expect(await servers[0].of('/').adapter.serverCount()).toBe(2), { timeout: 5000 })
    // Servers without an HTTP server have no engine to close: close the adapters only.
    for (const io of servers) await io.of('/').adapter.close()
    for (const b of backends) await b.store.close()
  })
})
