import { describeRedisOutage } from './redis-outage.suite.ts'
import { startRedis } from './redis-server.ts'

describeRedisOutage('Redis', async () => {
  const redis = await startRedis({ appendfsync: 'always' })
  return { url: redis.url, kill: () => redis.stop('SIGKILL'), restart: () => redis.start(), dispose: () => redis.dispose() }
})
