import { Redis } from 'ioredis'
import { Server } from 'socket.io'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { redisForTests, startRedis, uniquePrefix, type TestRedis } from '../../test/redis/redis-server.ts'
import { loadConfig } from '../config.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { createRedisBackend } from './redis-backend.ts'
import { redisKeys } from './redis-keys.ts'
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

describeStoreContract('redis', async () => {
  const prefix = uniquePrefix('contract')
  const make = () => new RedisStore(redisOptionsFromEnv(redis.url, prefix, {}))
  return {
    store: make(),
    reopen: async () => make(),
    cleanup: async () => {
      const r = new Redis(redis.url)
      const keys = await r.keys(`{${prefix}}:*`)
      if (keys.length) await r.del(...keys)
      r.disconnect()
    },
  }
})

const opts = (prefix: string, env: Record<string, string> = {}) => redisOptionsFromEnv(redis.url, prefix, { REDIS_CONNECT_WAIT_MS: '5000', ...env })

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
    expect(await r.xlen(redisKeys(prefix).events)).toBe(2)
    r.disconnect()
    await store.close()
  })

  it('keeps every key under one hash tag and gives id sets a TTL', async () => {
    const prefix = uniquePrefix('keys')
    const { store } = await opened(prefix, { REDIS_DEDUPE_DAYS: '2' })
    await store.append([contractEvent(), contractEvent(undefined, 3)])
    await store.saveCheckpoint(Uint8Array.from([1]))
    const r = new Redis(redis.url)
    const keys = (await r.keys(`*${prefix}*`)).sort()
    expect(keys.every((k) => k.startsWith(`{${prefix}}:`))).toBe(true)
    expect(keys.filter((k) => k.includes(':ids:'))).toHaveLength(2)
    for (const k of keys.filter((k) => k.includes(':ids:'))) {
      const ttl = await r.pttl(k)
      expect(ttl).toBeGreaterThan(86_400_000)
      expect(ttl).toBeLessThanOrEqual(2 * 86_400_000)
    }
    r.disconnect()
    await store.close()
  })

  it('keeps the newest checkpoint and trims the log only behind it, by the retention', async () => {
    const prefix = uniquePrefix('trim')
    const keys = redisKeys(prefix)
    const r = new Redis(redis.url)
    // Three old entries (ids in 2020), then a live store appends and checkpoints with 1 h retention.
    for (const ms of [1_600_000_000_000, 1_600_000_001_000, 1_600_000_002_000]) {
      await r.xadd(keys.events, `${ms}-0`, 'b', 'x', 'e', JSON.stringify([contractEvent()]))
    }
    const { store, ids } = await opened(prefix, { REDIS_STREAM_RETAIN_HOURS: '1' })
    expect(ids).toHaveLength(3)
    await store.append([contractEvent()])
    await store.saveCheckpoint(Uint8Array.from([2]))
    expect(await r.xlen(keys.events)).toBe(1)
    expect(await r.hget(keys.checkpoint, 'cursor')).toBe(store.cursor)
    // An older cursor never replaces a newer checkpoint.
    await r.hset(keys.checkpoint, 'cursor', '9999999999999-0')
    await store.saveCheckpoint(Uint8Array.from([3]))
    expect(await r.hget(keys.checkpoint, 'cursor')).toBe('9999999999999-0')
    r.disconnect()
    await store.close()
  })

  it('rejects appends at once while Redis is away, and recovers by itself', async () => {
    const own = await startRedis()
    const store = new RedisStore(redisOptionsFromEnv(own.url, 'outage', { REDIS_CONNECT_WAIT_MS: '5000' }))
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
    const config = loadConfig({ REDIS_URL: redis.url, KEY_PREFIX: prefix })
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
