/** `REDIS_CLUSTER_NODES`: a Redis Cluster named by its nodes, beside the `redis+cluster://` form of `REDIS_URL`. */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import { clusterNodes } from '../../server/store/redis-connection.ts'

describe('REDIS_CLUSTER_NODES', () => {
  it('names the same cluster as the redis+cluster:// URL', () => {
    const c = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7001,10.0.0.2:7002,redis-3.internal:7003' })
    expect(c.redisUrl).toBe('redis+cluster://10.0.0.1:7001,10.0.0.2:7002,redis-3.internal:7003')
    expect(clusterNodes(c.redisUrl!)?.nodes).toEqual([
      { host: '10.0.0.1', port: 7001 },
      { host: '10.0.0.2', port: 7002 },
      { host: 'redis-3.internal', port: 7003 },
    ])
    expect(loadConfig({ REDIS_URL: 'redis+cluster://10.0.0.1:7001' }).redisUrl).toBe('redis+cluster://10.0.0.1:7001')
    expect(loadConfig({}).redisUrl).toBeNull()
  })

  it.each([
    [{ REDIS_CLUSTER_NODES: '10.0.0.1' }, 'REDIS_CLUSTER_NODES must match pattern'],
    [{ REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7001' }, 'REDIS_CLUSTER_NODES must match pattern'],
    [{ REDIS_CLUSTER_NODES: '10.0.0.1:7001,' }, 'REDIS_CLUSTER_NODES must match pattern'],
    [{ REDIS_CLUSTER_NODES: '10.0.0.1:7001', REDIS_URL: 'redis://10.0.0.9:6379' }, 'REDIS_URL and REDIS_CLUSTER_NODES are both set'],
    [{ ROLLUP_OF: '2103' }, 'ROLLUP_OF needs REDIS_URL or REDIS_CLUSTER_NODES'],
    [{ ROLLUP_OF: '2103,2103', REGION_ROOT: '21', REDIS_CLUSTER_NODES: 'h:1' }, 'ROLLUP_OF: 2103 appears twice'],
    [{ ROLLUP_OF: '2111', REGION_ROOT: '2103', REDIS_CLUSTER_NODES: 'h:1' }, 'ROLLUP_OF: 2111 is not a region below REGION_ROOT 2103'],
  ])('refuses %o: %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })
})
