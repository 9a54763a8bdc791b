/**
 * Connections of the Redis store: one Redis (`redis://`, `rediss://`) or a Redis Cluster
 * (`redis+cluster://host:port,host:port…`, any reachable nodes; the client learns the rest).
 */
import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis'

/** A connection to one Redis or to a cluster: the store uses the commands both have. */
export type RedisClient = Redis | Cluster

/** The seed nodes of a `redis+cluster://` URL, or null for a single Redis. */
export function clusterNodes(url: string): { nodes: ClusterNode[]; username?: string; password?: string } | null {
  const m = /^redis\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)\/?$/.exec(url)
  if (!m) {
    if (url.startsWith('redis+cluster:')) throw new Error(`REDIS_URL: expected redis+cluster://[user:pass@]host:port[,host:port…], got "${url}"`)
    return null
  }
  const nodes = m[3].split(',').map((hp) => {
    const [, host, port] = /^(.*?)(?::(\d+))?$/.exec(hp.trim()) ?? []
    if (!host) throw new Error(`REDIS_URL: bad cluster node "${hp}"`)
    return { host, port: Number(port ?? 6379) }
  })
  const dec = (s?: string) => (s ? decodeURIComponent(s) : undefined)
  return { nodes, username: dec(m[1]), password: dec(m[2]) }
}

/** Connection options shared by the store's connections: fail fast instead of queueing while Redis is away. */
export function redisConnectionOptions(name: string, commandTimeoutMs?: number): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    connectTimeout: 2000,
    connectionName: name,
    commandTimeout: commandTimeoutMs,
  }
}

/** A connection to `url` (one Redis or a cluster) that fails fast while Redis is away. */
export function connectRedis(url: string, name: string, commandTimeoutMs?: number): RedisClient {
  const cluster = clusterNodes(url)
  if (!cluster) return new Redis(url, redisConnectionOptions(name, commandTimeoutMs))
  const { lazyConnect, connectTimeout, connectionName, commandTimeout, maxRetriesPerRequest, autoResendUnfulfilledCommands } = redisConnectionOptions(name, commandTimeoutMs)
  return new Cluster(cluster.nodes, {
    lazyConnect,
    enableOfflineQueue: false,
    scaleReads: 'master',
    // A master that died is replaced by its replica within the cluster's node timeout: commands
    // meanwhile fail (503, the client retries) and the slot map is refreshed until it settles.
    clusterRetryStrategy: (times) => Math.min(100 * times, 1000),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    slotsRefreshTimeout: 2000,
    redisOptions: { connectTimeout, connectionName, commandTimeout, maxRetriesPerRequest, autoResendUnfulfilledCommands, username: cluster.username, password: cluster.password },
  })
}

/** Resolves once `conn` is ready, connecting it if needed; rejects after `ms`. */
export async function waitReady(conn: RedisClient, ms: number): Promise<void> {
  if (conn.status === 'ready') return
  if (conn.status === 'wait') conn.connect().catch(() => {})
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      conn.off('ready', ready)
      reject(new Error(`Redis not reachable after ${ms} ms`))
    }, ms)
    const ready = () => {
      clearTimeout(timer)
      resolve()
    }
    conn.once('ready', ready)
  })
}
