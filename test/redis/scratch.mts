import { RedisStore } from '../../server/store/redis-store.ts'
import { redisOptionsFromEnv } from '../../server/store/redis-options.ts'
import { contractEvent } from '../../server/store/store-contract.ts'
const s = new RedisStore(redisOptionsFromEnv('redis://127.0.0.1:16399', 'scratch' + Date.now(), {}))
await s.open(() => true, (ev) => console.log('commit', ev.length))
console.log('opened', s.healthy)
const t = Date.now()
console.log(await s.append([contractEvent(), contractEvent()]), Date.now() - t)
console.log(await s.append([contractEvent(), contractEvent()]), Date.now() - t)
await s.close()
