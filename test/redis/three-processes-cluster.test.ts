import { startRedisCluster } from '../../server/testing/redis-cluster.ts'
import { describeThreeProcesses } from './three-processes.suite.ts'

// Three masters, no replicas: the root's keys live on one of them, the processes use the cluster client.
describeThreeProcesses('a 3-master Redis Cluster', () => startRedisCluster({ masters: 3 }))
