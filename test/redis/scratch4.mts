import { RedisStore } from '../../server/store/redis-store.ts'
import { redisOptionsFromEnv } from '../../server/store/redis-options.ts'
import { realisticEvents, batches } from './test-events.ts'
import { Redis } from 'ioredis'
const url = 'redis://127.0.0.1:16399'
const r = new Redis(url); await r.flushall(); await r.config('RESETSTAT')
const s = new RedisStore(redisOptionsFromEnv(url, 'perf', {}))
let n = 0
await s.open(() => true, (ev) => { n += ev.length })
const bs = batches(realisticEvents({ count: 60000, seed: 1, prefix: 'P' }), 1000)
let t = performance.now()
let next = 0
await Promise.all([0,1,2,3].map(async () => { while (next < bs.length) await s.append(bs[next++]) }))
let sec = (performance.now() - t) / 1000
console.log('store only', Math.round(60000 / sec), 'ev/s', n)
console.log((await r.info('commandstats')).split('\n').filter(l => /evalsha|xread/.test(l)).join('\n'))
await s.close(); r.disconnect()
