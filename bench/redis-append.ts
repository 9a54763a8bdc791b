/**
 * Benchmark: the Redis store alone, in this process (no HTTP, no engine): appends of realistic
 * batches of 1,000 events, 4 in flight, each answered once its own tail has delivered it. Reports
 * events/s, this process's CPU per event (the client's encoding, the tail's reads) and Redis's
 * (`used_cpu_*` of every master), i.e. what the Redis side costs a process beside its engine.
 *
 *   npx tsx bench/redis-append.ts                   # on a local 3-master Redis Cluster
 *   BENCH_SINGLE=1 BENCH_RUNS=5 npx tsx bench/redis-append.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import type { IngestEvent } from '../shared/events.ts'
import { redisOptionsFromEnv } from '../server/store/redis-options.ts'
import { RedisStore } from '../server/store/redis-store.ts'
import { startRedisCluster } from '../server/testing/redis-cluster.ts'
import { batches, realisticEvents } from '../test/redis/test-events.ts'
import { startRedis } from '../test/redis/redis-server.ts'

const env = process.env
const RUNS = Number(env.BENCH_RUNS ?? 3)
const BATCHES = Number(env.BENCH_BATCHES ?? 100)
const CONCURRENCY = 4
const single = env.BENCH_SINGLE === '1'

const redis = single ? await startRedis({ appendfsync: 'everysec' }) : await startRedisCluster({ masters: 3, appendfsync: 'everysec' })
const masters = 'nodes' in redis ? redis.nodes.map((n) => new Redis({ port: n.port, host: '127.0.0.1' })) : [new Redis(redis.url)]
const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-bench-append-'))
const store = new RedisStore(redisOptionsFromEnv(redis.url, 'append', { DATA_DIR: dataDir }))

/** Seconds of CPU the masters have used. */
async function redisCpu(): Promise<number> {
  let s = 0
  for (const m of masters) for (const x of (await m.info('cpu')).matchAll(/^used_cpu_(?:sys|user):([\d.]+)/gm)) s += Number(x[1])
  return s
}

async function appendAll(all: IngestEvent[][]): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < all.length) {
        const { fresh } = await store.append(all[next++])
        if (fresh.some((f) => !f)) throw new Error('a fresh event was taken for a duplicate')
      }
    }),
  )
}

try {
  await store.open(() => true, () => {})
  console.log(`${single ? 'one Redis' : 'a 3-master Redis Cluster'} (AOF everysec); ${RUNS} runs × ${BATCHES} batches × 1,000 events, ${CONCURRENCY} appends in flight`)
  await appendAll(batches(realisticEvents({ count: 10_000, seed: 99, prefix: 'WARM' }), 1000))
  const rates: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const all = batches(realisticEvents({ count: BATCHES * 1000, seed: run + 1, prefix: `A${run}` }), 1000)
    const [cpu0, redis0, t0] = [process.cpuUsage(), await redisCpu(), performance.now()]
    await appendAll(all)
    const seconds = (performance.now() - t0) / 1000
    const n = BATCHES * 1000
    const ownUs = ((c) => c.user + c.system)(process.cpuUsage(cpu0)) / n
    const redisUs = ((await redisCpu()) - redis0) * 1e6 / n
    rates.push(n / seconds)
    console.log(`run ${run + 1}: ${Math.round(n / seconds).toLocaleString('en')} events/s; CPU per event: this process ${ownUs.toFixed(1)} µs, Redis ${redisUs.toFixed(1)} µs (load average ${loadavg()[0].toFixed(1)})`)
  }
  console.log(`median ${Math.round([...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]).toLocaleString('en')} events/s`)
} finally {
  await store.close()
  for (const m of masters) m.disconnect()
  await redis.dispose()
  rmSync(dataDir, { recursive: true, force: true })
}
