import { describeThreeProcesses } from './three-processes.suite.ts'
import { redisForTests } from './redis-server.ts'

describeThreeProcesses('one Redis', redisForTests)
