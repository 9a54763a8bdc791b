/** Every environment variable the server reads: one TypeBox schema, validated by env-schema. */
import { Type, type Static } from '@sinclair/typebox'
import envSchema from 'env-schema'

const int = (minimum: number, def: number | undefined, description: string) =>
  Type.Integer({ minimum, ...(def === undefined ? {} : { default: def }), description })
const str = (description: string, options: { default?: string; pattern?: string; minLength?: number } = {}) =>
  Type.String({ ...options, description })
const bool = (description: string) => Type.String({ pattern: '^(1|0|true|false|yes|no|TRUE|FALSE|YES|NO|True|False|Yes|No)$', description })

/** The schema: names, types, defaults and a one-line meaning (the README's table follows it). */
export const EnvSchema = Type.Object({
  PORT: int(0, 8890, 'HTTP, Socket.IO and the built wall on one port (0 picks a free one)'),
  HOST: str('bind address; a non-loopback address requires INGEST_TOKEN and refuses anonymous viewers unless ALLOW_ANONYMOUS=true', { default: '127.0.0.1' }),
  DATA_DIR: str('embedded store: event log and checkpoints; Redis mode: this process\'s engine state', { default: './data/runtime' }),
  REGION_ROOT: str('root of the region pack: a province/city/district code', { default: '2103', pattern: '^(\\d{2}|\\d{4}|\\d{6})$' }),
  INGEST_TOKEN: Type.Optional(str('bearer token for POST /api/v1/events', { minLength: 1 })),
  VIEW_TOKENS: Type.Optional(str('viewer tokens bound to regions: token1=210302,token2=*')),
  ALLOW_ANONYMOUS: Type.Optional(bool('whether viewers without a token may watch')),
  TICK_MS: int(10, 1000, 'push tick: at most one kpi per subscribed region per tick'),
  REDIS_URL: Type.Optional(str('use Redis as the shared store: redis://host:port, or a cluster as redis+cluster://host:port,host:port', { pattern: '^(rediss?|redis\\+cluster)://' })),
  REDIS_CLUSTER_NODES: Type.Optional(str('use a Redis Cluster as the shared store, named by its nodes instead of REDIS_URL: host:port,host:port (any reachable ones)', { pattern: '^[^,:/@\\s]+:\\d{1,5}(,[^,:/@\\s]+:\\d{1,5})*$' })),
  ROLLUP_OF: Type.Optional(str('parent wall mode (with Redis): the region roots under REGION_ROOT whose headline rows this process sums, e.g. 2103,2111; it ingests nothing', { pattern: '^\\d{2,6}(,\\d{2,6})*$' })),
  ROLLUP_STALE_SECONDS: int(1, 10, "parent wall: a root's headline row older than this is shown as stale"),
  KEY_PREFIX: str('Redis key namespace', { default: 'yiwang', pattern: '^[A-Za-z0-9:_.-]{1,64}$' }),
  REDIS_STREAM_RETAIN_HOURS: int(0, 72, 'Redis: a process silent this long no longer holds back the trim of the stream (0: never forgotten)'),
  REDIS_WAIT_REPLICAS: int(0, 0, 'Redis: replicas that must hold a batch before it is acknowledged (WAIT)'),
  REDIS_COMMAND_TIMEOUT_MS: int(100, 5000, 'Redis: a command without a reply after this long fails'),
  REDIS_DELIVERY_TIMEOUT_MS: int(100, 10_000, 'Redis: a stored batch not delivered locally after this long is rejected'),
  REDIS_SEED_FROM: Type.Optional(str("Redis: a running peer's DATA_DIR (this machine or a shared mount) to reseed this process's state from when its own is refused or unreadable and the stream was trimmed past it", { minLength: 1 })),
  REDIS_CONNECT_WAIT_MS: int(0, 30_000, 'Redis: how long start-up waits for Redis'),
  FEED_STALE_SECONDS: int(1, 600, 'shortest silence that raises the 数据中断 alert'),
  FEED_STALE_EXPECTED: int(1, 5, 'requests the last weeks make expected in a silence before it raises the 数据中断 alert'),
  FEED_LEARN_DAYS: int(1, 28, 'days of history the per-hour expectation of the feed is learnt from'),
  MAX_BATCH: int(1, 5000, 'largest ingest batch in events: larger gets 413'),
  BODY_LIMIT: int(1024, 8 * 1024 * 1024, 'largest ingest body in bytes (after decompression): larger gets 413'),
  MAX_INFLIGHT: int(1, 64, 'ingest requests in flight before 429 with Retry-After'),
  CHECKPOINT_SECONDS: int(1, 2, 'seconds between checkpoints of the changed state rows (also when many rows changed, and at shutdown)'),
  DEDUPE_DAYS: int(1, 400, 'history kept: events whose at is older are rejected as too old; ids are deduplicated that long'),
  STORE_UNHEALTHY_SECONDS: int(1, 60, 'a store failing this long is reported unhealthy'),
  CHECKPOINT_ROWS: int(100, 15_000, 'embedded store: a checkpoint is written as soon as this many state rows changed'),
  DEPARTMENTS_PER_REGION: int(1, 40, 'departments (承办单位) kept per region; more are counted as 其他 (metric yiwang_department_cap_hits_total)'),
  MAP_POINTS_PER_DAY: int(1, 20_000, "located requests kept per day for the map's point layer, for the whole pack; more are left off (metric yiwang_map_points_dropped_total)"),
  LOG_KEEP_DAYS: int(0, 2, 'embedded store: days the received batches are kept behind the state'),
  LOG_KEEP_MB: int(0, 64, 'embedded store: megabytes of received batches kept behind the state at most (the newest), whatever their days'),
  WALL_TITLE: Type.Optional(str('title on the wall')),
  CLIENT_DIR: str('the built wall to serve', { default: 'dist/client' }),
  CHROMIUM_PATH: str('Chromium that prints the briefing PDFs (GET …/briefing.pdf)', { default: '/usr/bin/chromium' }),
  LOG_LEVEL: str('log level of npm run server: fatal, error, warn, info, debug, trace or silent', { default: 'info', pattern: '^(fatal|error|warn|info|debug|trace|silent)$' }),
  ALLOWED_ORIGINS: Type.Optional(str('other origins whose pages may open a Socket.IO connection (comma-separated, e.g. https://wall.example.gov.cn); the server\'s own origin always may')),
  RATE_LIMIT_MAX: int(1, 600, 'HTTP requests a minute per client (viewer token, else IP) on every route but ingest, health and the CSP report; more gets 429'),
  AUTH_FAILURES_MAX: int(1, 20, 'failed token checks (HTTP 401, refused sockets) per IP in 10 minutes before that IP gets 429 for the rest of them'),
  MAX_SOCKETS_PER_IP: int(1, 50, 'Socket.IO connections open at once from one IP'),
  MAX_SUBSCRIPTIONS: int(1, 32, 'regions one socket may subscribe to at once'),
  EVENT_LOOP_MAX_MS: int(10, 1000, 'event-loop delay over which requests get 503 with Retry-After'),
  METRICS_TOKEN: Type.Optional(str('bearer token for GET /metrics; without it /metrics answers loopback clients only', { minLength: 1 })),
  TRUST_PROXY: Type.Optional(bool('take client IPs from X-Forwarded-For (set behind a reverse proxy)')),
  SIMULATE: Type.Optional(bool('npm start: 0 runs the server without the simulator')),
  SIM_SEED: int(0, 8890, 'npm start: seed of the simulated city'),
  SIM_FROM: Type.Optional(str('npm start: first day of the backfill, YYYY-MM-DD', { pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
})
export type Env = Static<typeof EnvSchema>

/** Validates `env` against the schema (empty values count as unset); throws an Error naming each bad variable. */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const data = Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && k in EnvSchema.properties))
  try {
    return envSchema<Env>({ schema: structuredClone(EnvSchema), data, env: false, dotenv: false })
  } catch (err) {
    throw new Error(`invalid configuration: ${(err as Error).message.replace(/env\//g, '')}`)
  }
}

/** Whether a boolean-like variable is set to a true value. */
export const isTrue = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes)$/i.test(v)
