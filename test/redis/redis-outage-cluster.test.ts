import { startRedisCluster, type ClusterNodeProc } from '../../server/testing/redis-cluster.ts'
import { describeRedisOutage } from './redis-outage.suite.ts'

// Three masters, no replicas: killing the master of the root's slot takes the root's keys away
// (the cluster reports the slot down) until that node is started again from its AOF.
describeRedisOutage('the master of the root in a Redis Cluster', async () => {
  const cluster = await startRedisCluster({ masters: 3, appendfsync: 'always' })
  let victim: ClusterNodeProc | null = null
  return {
    url: cluster.url,
    async kill(key) {
      victim = await cluster.masterOf(key)
      await victim.stop('SIGKILL')
    },
    async restart() {
      await victim?.start()
      await cluster.settled()
    },
    dispose: () => cluster.dispose(),
  }
})
