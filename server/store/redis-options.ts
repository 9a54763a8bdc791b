/** Settings of the Redis store, read from the environment beside the main config. */

/** How the Redis store connects, retains and times out. */
export interface RedisStoreOptions {
  url: string
  /** Key prefix (`KEY_PREFIX`). @default 'yiwang' */
  prefix: string
  /** Days an event id stays deduplicated after its day's set was last written (`REDIS_DEDUPE_DAYS`). @default 35 */
  dedupeDays: number
  /** Hours of raw log kept behind the newest checkpoint; 0 keeps everything (`REDIS_STREAM_RETAIN_HOURS`). @default 72 */
  streamRetainHours: number
  /** A command without a reply after this long fails (`REDIS_COMMAND_TIMEOUT_MS`). @default 5000 */
  commandTimeoutMs: number
  /** An append whose batch is stored but not yet delivered locally after this long is rejected. @default 10000 */
  deliveryTimeoutMs: number
  /** How long `open` waits for Redis to become reachable (`REDIS_CONNECT_WAIT_MS`). @default 30000 */
  connectWaitMs: number
}

function int(env: Record<string, string | undefined>, name: string, def: number, min: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return def
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

/** Options from `url`, `prefix` and the `REDIS_*` variables of `env`; throws naming a bad variable. */
export function redisOptionsFromEnv(url: string, prefix: string, env: Record<string, string | undefined>): RedisStoreOptions {
  return {
    url,
    prefix,
    dedupeDays: int(env, 'REDIS_DEDUPE_DAYS', 35, 1),
    streamRetainHours: int(env, 'REDIS_STREAM_RETAIN_HOURS', 72, 0),
    commandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 5000, 100),
    deliveryTimeoutMs: int(env, 'REDIS_DELIVERY_TIMEOUT_MS', 10_000, 100),
    connectWaitMs: int(env, 'REDIS_CONNECT_WAIT_MS', 30_000, 0),
  }
}
