/** The Redis backend for `startServer`: the shared store plus the Socket.IO Redis adapter. */
import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { redisKeys } from './redis-keys.ts'
import { redisOptionsFromEnv, type RedisStoreOptions } from './redis-options.ts'
import { RedisStore } from './redis-store.ts'

/** What `startServer` needs in Redis mode. */
export interface RedisBackend {
  store: RedisStore
  configureIo: (io: YiwangServer) => void
}

/** Builds the Redis store and the adapter setup from the config (`REDIS_URL`, `KEY_PREFIX`, `REDIS_*`). */
export function createRedisBackend(config: Config, env: Record<string, string | undefined> = process.env): RedisBackend {
  if (!config.redisUrl) throw new Error('REDIS_URL is not set')
  const options: RedisStoreOptions = redisOptionsFromEnv(config.redisUrl, config.keyPrefix, env)
  const store = new RedisStore(options)
  return { store, configureIo: (io) => attachRedisAdapter(io, store, options) }
}

/** Routes Socket.IO broadcasts through Redis pub/sub on two dedicated connections, closed with the store. */
function attachRedisAdapter(io: YiwangServer, store: RedisStore, options: RedisStoreOptions): void {
  const pub = new Redis(options.url, { connectionName: 'yiwang-io-pub', retryStrategy: (n) => Math.min(50 * n, 1000) })
  const sub = pub.duplicate({ connectionName: 'yiwang-io-sub' })
  const quiet = () => {}
  pub.on('error', quiet)
  sub.on('error', quiet)
  // The adapter does not catch its commands' failures (a publish while Redis is away, a subscribe cut
  // short by close): mark every command of these two connections handled so none can crash the process.
  for (const c of [pub, sub]) {
    const send = c.sendCommand.bind(c)
    c.sendCommand = ((...args: Parameters<typeof send>) => {
      const result = send(...args)
      void Promise.resolve(result).catch(() => undefined)
      return result
    }) as typeof c.sendCommand
  }
  io.adapter(createAdapter(pub, sub, { key: redisKeys(options.prefix).socketChannel }))
  store.onClosed.push(() => {
    pub.disconnect()
    sub.disconnect()
  })
}
