import { afterAll, beforeAll } from 'vitest'
import { Redis } from 'ioredis'
import { redisForTests, uniquePrefix, type TestRedis } from '../../test/redis/redis-server.ts'
import { redisOptionsFromEnv } from './redis-options.ts'
import { RedisStore } from './redis-store.ts'
import { describeStoreContract } from './store-contract.ts'

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
