/**
 * Benchmark: one server process in Redis mode on a local redis-server. Posts batches of 1,000
 * realistic events over HTTP and reports events/s (median of the runs), Redis commands per
 * event (INFO commandstats deltas), and Redis memory per region-day (MEMORY USAGE per key).
 *
 *   npx tsx bench/redis-ingest.ts
 *   BENCH_RUNS=5 BENCH_BATCHES=60 BENCH_CONCURRENCY=4 BENCH_APPENDFSYNC=always npx tsx bench/redis-ingest.ts
 *   BENCH_CLUSTER=1 npx tsx bench/redis-ingest.ts     # on a local 3-master Redis Cluster
 */
import { loadavg } from 'node:os'
import { Redis } from 'ioredis'
import { batches, realisticEvents } from '../test/redis/test-events.ts'
import { startNode, TOKEN } from '../test/redis/cluster.ts'
import { startRedis } from '../test/redis/redis-server.ts'
import { redisKeys } from '../server/store/redis-keys.ts'
import { startRedisCluster } from '../server/testing/redis-cluster.ts'

const env = process.env
const RUNS = Number(env.BENCH_RUNS ?? 3)
const BATCHES = Number(env.BENCH_BATCHES ?? 60)
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 4)
const APPENDFSYNC = (env.BENCH_APPENDFSYNC ?? 'everysec') as 'always' | 'everysec'
/** Events of one realistic day of the 鞍山 8890 platform and its grids (see docs/redis.md). */
const DAY_EVENTS = Number(env.BENCH_DAY_EVENTS ?? 50_000)
const PREFIX = 'bench'
/** `embedded` runs the same load against the embedded store, for comparison (no Redis figures). */
const STORE = env.BENCH_STORE ?? 'redis'

const CLUSTER = env.BENCH_CLUSTER === '1'

/** Sums `calls` per command from INFO commandstats of every server. */
async function commandStats(servers: Redis[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const r of servers) {
    const text = await r.info('commandstats')
    for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out.set(m[1], (out.get(m[1]) ?? 0) + Number(m[2]))
  }
  return out
}

function delta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>()
  for (const [cmd, n] of after) {
    const d = n - (before.get(cmd) ?? 0)
    // INFO and the cluster's own bookkeeping are not the server's.
    if (d > 0 && !['info', 'cluster', 'ping', 'readonly'].includes(cmd)) out.set(cmd, d)
  }
  return out
}

async function postAll(url: string, bodies: string[]): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]
        const res = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body,
        })
        const json = (await res.json()) as { accepted?: number; rejected?: unknown[] }
        if (res.status !== 200 || json.rejected?.length || json.accepted !== 1000) throw new Error(`ingest ${res.status}: ${JSON.stringify(json).slice(0, 300)}`)
      }
    }),
  )
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const redis = CLUSTER ? await startRedisCluster({ masters: 3, appendfsync: APPENDFSYNC }) : await startRedis({ appendfsync: APPENDFSYNC })
const servers = CLUSTER ? (redis as Awaited<ReturnType<typeof startRedisCluster>>).nodes.map((n) => new Redis({ port: n.port, host: '127.0.0.1' })) : [new Redis(redis.url)]
const r = servers[0]
let node: Awaited<ReturnType<typeof startNode>> | undefined
try {
  node = await startNode({ redisUrl: STORE === 'redis' ? redis.url : undefined, prefix: PREFIX, env: { MAX_INFLIGHT: '256', TICK_MS: '1000' } })
  const version = (await r.info('server')).match(/redis_version:(\S+)/)?.[1]
  console.log(`redis-server ${version}${CLUSTER ? ', a 3-master cluster' : ''}, appendonly yes, appendfsync ${APPENDFSYNC}; ${RUNS} runs × ${BATCHES} batches × 1,000 events, ${CONCURRENCY} requests in flight`)

  // Warm-up (JIT, script load), not measured.
  await postAll(node.url, batches(realisticEvents({ count: 5000, seed: 99, prefix: 'WARM' }), 1000).map((b) => JSON.stringify(b)))

  const rates: number[] = []
  const perEvent: number[] = []
  let lastDelta = new Map<string, number>()
  for (let run = 0; run < RUNS; run++) {
    const bodies = batches(realisticEvents({ count: BATCHES * 1000, seed: run + 1, prefix: `R${run}` }), 1000).map((b) => JSON.stringify(b))
    const before = await commandStats(servers)
    const started = performance.now()
    await postAll(node.url, bodies)
    const seconds = (performance.now() - started) / 1000
    lastDelta = delta(before, await commandStats(servers))
    const commands = [...lastDelta.values()].reduce((a, b) => a + b, 0)
    rates.push((BATCHES * 1000) / seconds)
    perEvent.push(commands / (BATCHES * 1000))
    const load = loadavg()[0].toFixed(1)
    console.log(`run ${run + 1}: ${Math.round(rates.at(-1)!).toLocaleString('en')} events/s, ${commands} Redis commands = ${perEvent.at(-1)!.toFixed(4)} per event (load average ${load})`)
  }
  console.log(`ingest: median ${Math.round(median(rates)).toLocaleString('en')} events/s per process (best ${Math.round(Math.max(...rates)).toLocaleString('en')}); Redis commands per event: median ${median(perEvent).toFixed(4)}`)
  console.log(`commands of the last run: ${[...lastDelta].map(([c, n]) => `${c}=${n}`).join(' ')}`)

  // Memory: one realistic day under a fresh prefix, measured key by key once checkpointed (the stream is trimmed behind it).
  const dayNode = await startNode({ redisUrl: redis.url, prefix: 'day' })
  const c = CLUSTER ? (redis as Awaited<ReturnType<typeof startRedisCluster>>).client() : r
  try {
    const day = realisticEvents({ count: DAY_EVENTS, seed: 2026, prefix: 'DAY' })
    await postAll(dayNode.url, batches(day, 1000).map((b) => JSON.stringify(b)))
    await new Promise((res) => setTimeout(res, 5000)) // let a checkpoint land
    const k = redisKeys('day', '2103')
    const usage = async (key: string) => Number(await c.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) || 0
    const stream = await usage(k.events)
    let ids = 0
    for (const g of await c.zrange(k.generations, '0', '-1')) ids += await usage(k.ids(g))
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`
    console.log(`memory for one region-day (鞍山, ${DAY_EVENTS.toLocaleString('en')} events): stream ${mb(stream)} once checkpointed, id sets ${mb(ids)} (${Math.round(ids / DAY_EVENTS)} B/event)`)
  } finally {
    if (c !== r) c.disconnect()
    await dayNode.stop('SIGKILL')
  }
} finally {
  for (const x of servers) x.disconnect()
  await node?.stop('SIGKILL')
  await redis.dispose()
}
