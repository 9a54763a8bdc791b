/** The Redis backend for `startServer`: the shared store plus the Socket.IO Redis adapter. */
import { createAdapter } from '@socket.io/redis-adapter'
import { Cluster, Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { Engine } from '../engine/engine.ts'
import { HEADLINE_EVERY_MS, startHeadlinePublisher } from '../rollup/headline-publisher.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { clusterNodes } from './redis-connection.ts'
import { redisKeys } from './redis-keys.ts'
import { redisOptionsFromEnv, type RedisStoreOptions } from './redis-options.ts'
import { RedisStore } from './redis-store.ts'

/** What `startServer` needs in Redis mode. */
export interface RedisBackend {
  store: RedisStore
  configureIo: (io: YiwangServer) => void
  /** Once the app is built: publishes the root's headline row for parent walls every tick until the store closes. */
  afterBuild: (built: { engine: Engine; app: { log: { warn(msg: string): void } } }) => void
}

/** Builds the Redis store and the adapter setup from the config (`REDIS_URL`, `KEY_PREFIX`, `REDIS_*`). */
export function createRedisBackend(config: Config, env: Record<string, string | undefined> = process.env): RedisBackend {
  if (!config.redisUrl) throw new Error('REDIS_URL is not set')
  const options: RedisStoreOptions = {
    ...redisOptionsFromEnv(config.redisUrl, config.keyPrefix, env),
    root: config.regionRoot,
    dataDir: config.dataDir,
    dedupeDays: config.dedupeDays,
  }
  const store = new RedisStore(options)
  return {
    store,
    configureIo: (io) => attachRedisAdapter(io, store, options),
    afterBuild: ({ engine, app }) => {
      if (store.recovery) app.log.warn(store.recovery)
      const publisher = startHeadlinePublisher(engine, (json, ttl) => store.publishHeadline(json, ttl), Math.max(config.tickMs, HEADLINE_EVERY_MS), (msg) => app.log.warn(msg))
      store.onClosed.push(() => publisher.stop())
    },
  }
}

/** Routes Socket.IO broadcasts through Redis pub/sub on two dedicated connections, closed with the store. */
function attachRedisAdapter(io: YiwangServer, store: RedisStore, options: RedisStoreOptions): void {
  const cluster = clusterNodes(options.url)
  const retry = (n: number) => Math.min(50 * n, 1000)
  const pub = cluster
    ? new Cluster(cluster.nodes, { clusterRetryStrategy: retry, redisOptions: { connectionName: 'yiwang-io-pub', username: cluster.username, password: cluster.password } })
    : new Redis(options.url, { connectionName: 'yiwang-io-pub', retryStrategy: retry })
  const sub = pub instanceof Cluster ? pub.duplicate() : pub.duplicate()
  const quiet = () => {}
  pub.on('error', quiet)
  sub.on('error', quiet)
  // The adapter does not catch its commands' failures (a publish while Redis is away, a subscribe cut
  // short by close): mark every command of these two connections handled so none can crash the process.
  for (const c of [pub, sub] as unknown as { sendCommand: (...args: unknown[]) => unknown }[]) {
    const send = c.sendCommand.bind(c)
    c.sendCommand = (...args: unknown[]) => {
      const result = send(...args)
      void Promise.resolve(result).catch(() => undefined)
      return result
    }
  }
  io.adapter(createAdapter(pub, sub, { key: redisKeys(options.prefix, options.root).socketChannel }))
  store.onClosed.push(() => {
    pub.disconnect()
    sub.disconnect()
  })
}
