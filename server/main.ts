/** Starts a server from environment variables: store, app, listen. */
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuiltApp } from './app.ts'
import { loadConfig } from './config.ts'
import { SqliteStore } from './store/sqlite-store.ts'
import type { EventStore } from './store/event-store.ts'

export interface RunningServer extends BuiltApp {
  url: string
  port: number
  app: FastifyInstance
  close(): Promise<void>
}

/** Creates the store named by the config: Redis when REDIS_URL is set, else the embedded one. */
async function createStore(config: ReturnType<typeof loadConfig>): Promise<{ store: EventStore; configureIo?: BuiltAppConfigure; afterBuild?: (built: BuiltApp) => void }> {
  if (config.redisUrl) {
    const { createRedisBackend } = await import('./store/redis-backend.ts')
    return createRedisBackend(config)
  }
  return { store: new SqliteStore(config.dataDir, { dedupeDays: config.dedupeDays, logKeepDays: config.logKeepDays, logKeepMb: config.logKeepMb }) }
}
type BuiltAppConfigure = Parameters<typeof buildApp>[0]['configureIo']

/** Starts the server; `PORT=0` picks a free port. */
export async function startServer(
  env: Record<string, string | undefined>,
  options: { logger?: boolean | object; clock?: () => number; startedAt?: number } = {},
): Promise<RunningServer> {
  const startedAt = options.startedAt ?? performance.now()
  const config = loadConfig(env)
  const { store, configureIo, afterBuild } = await createStore(config)
  const built = await buildApp({ config, store, configureIo, logger: options.logger, clock: options.clock, startedAt })
  afterBuild?.(built)
  await built.app.listen({ host: config.host, port: config.port })
  const addr = built.app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return { ...built, url: `http://${host}:${port}`, port, close: () => built.app.close() }
}
