/** Settings of the Redis store, read from the environment beside the main config. */

/** How the Redis store connects, retains and times out. */
export interface RedisStoreOptions {
  /** `redis://…` or `redis+cluster://host:port,…`. */
  url: string
  /** Key prefix (`KEY_PREFIX`). @default 'yiwang' */
  prefix: string
  /** Region root (`REGION_ROOT`): keys are tagged `{prefix:root}`. @default '2103' */
  root: string
  /** Where this process keeps its engine state and stream cursor (`DATA_DIR`). @default './data/runtime' */
  dataDir: string
  /** Ids are kept this many days; older events are rejected before they reach the store (`DEDUPE_DAYS`). @default 400 */
  dedupeDays: number
  /** A process whose checkpoint is older than this no longer holds back the stream's trim; 0 = never forgotten (`REDIS_STREAM_RETAIN_HOURS`). @default 72 */
  streamRetainHours: number
  /** A command without a reply after this long fails (`REDIS_COMMAND_TIMEOUT_MS`). @default 5000 */
  commandTimeoutMs: number
  /** An append whose batch is stored but not yet delivered locally after this long is rejected. @default 10000 */
  deliveryTimeoutMs: number
  /** How long `open` waits for Redis to become reachable (`REDIS_CONNECT_WAIT_MS`). @default 30000 */
  connectWaitMs: number
  /** Replicas that must hold a batch before it is acknowledged (`REDIS_WAIT_REPLICAS`, Redis `WAIT`). @default 0 */
  waitReplicas: number
  /** A running peer's DATA_DIR (on this machine or a shared mount) to reseed from when the local state is refused or unreadable and the stream was trimmed past it (`REDIS_SEED_FROM`). */
  seedFrom?: string
  clock?: () => number
  /** Most ids in one id set (tests set it small). @default ID_GENERATION_MAX */
  idGenerationMax?: number
}

function int(env: Record<string, string | undefined>, name: string, def: number, min: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return def
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

/** Options from `url`, `prefix` and the variables of `env`; throws naming a bad variable. */
export function redisOptionsFromEnv(url: string, prefix: string, env: Record<string, string | undefined>): RedisStoreOptions {
  return {
    url,
    prefix,
    root: env.REGION_ROOT || '2103',
    dataDir: env.DATA_DIR || './data/runtime',
    dedupeDays: int(env, 'DEDUPE_DAYS', 400, 1),
    streamRetainHours: int(env, 'REDIS_STREAM_RETAIN_HOURS', 72, 0),
    commandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 5000, 100),
    deliveryTimeoutMs: int(env, 'REDIS_DELIVERY_TIMEOUT_MS', 10_000, 100),
    connectWaitMs: int(env, 'REDIS_CONNECT_WAIT_MS', 30_000, 0),
    waitReplicas: int(env, 'REDIS_WAIT_REPLICAS', 0, 0),
    ...(env.REDIS_SEED_FROM ? { seedFrom: env.REDIS_SEED_FROM } : {}),
  }
}
