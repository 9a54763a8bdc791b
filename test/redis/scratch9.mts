import { startServer } from '../../server/main.ts'
import { startRedis } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'
const redis = await startRedis()
const mode = process.argv[2]
const server = await startServer({ PORT: '0', HOST: '127.0.0.1', INGEST_TOKEN: 't', TICK_MS: '100', REDIS_URL: mode === 'redis' ? redis.url : '', DATA_DIR: '/tmp/prof-data-' + Date.now(), CLIENT_DIR: '/nonexistent', MAX_INFLIGHT: '256' })
const bodies = batches(realisticEvents({ count: 120000, seed: 1, prefix: 'P' }), 1000).map((b) => JSON.stringify(b))
let next = 0
const t = performance.now()
await Promise.all([0, 1, 2, 3].map(async () => { while (next < bodies.length) { const body = bodies[next++]; const r = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer t`, 'content-type': 'application/json' }, body }); await r.json() } }))
console.log(mode, Math.round(120000 / ((performance.now() - t) / 1000)), 'ev/s')
await server.close()
await redis.dispose()
