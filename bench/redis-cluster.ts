/**
 * Benchmark: months of 鞍山's simulated history (the `npm start` simulator) backfilled over HTTP
 * into one server process in Redis mode on a local 3-master Redis Cluster (AOF on). Reports
 * per-process ingest (events/s), Redis commands per event (INFO commandstats of every master),
 * and Redis memory once the backfill is checkpointed: `used_memory` of the masters and
 * `MEMORY USAGE` of the root's keys, with the year extrapolated from bytes per event.
 *
 *   npx tsx bench/redis-cluster.ts [months=1] [root=2103]
 */
import { loadavg } from 'node:os'
import { Redis } from 'ioredis'
import { createSimulator } from '../mock/simulator.ts'
import { DAY_MS } from '../shared/time-windows.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { redisKeys } from '../server/store/redis-keys.ts'
import { startRedisCluster } from '../server/testing/redis-cluster.ts'
import { startNode, TOKEN } from '../test/redis/cluster.ts'

const months = Number(process.argv[2] ?? 1)
const root = process.argv[3] ?? '2103'
const BATCH = 2000
const CONCURRENCY = 4
const PREFIX = 'bench'
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`

const tree = loadRegionPack(root)
const now = Date.now()
const from = now - Math.round(months * 30.44) * DAY_MS
const sim = createSimulator({ tree, seed: 8890, from, gridFrom: Math.max(from, now - 7 * DAY_MS), idPrefix: `rc${root}` })

const cluster = await startRedisCluster({ masters: 3 })
const masters = cluster.nodes.map((n) => new Redis({ port: n.port, host: '127.0.0.1' }))
const sumInfo = async (section: string, re: RegExp): Promise<number> => {
  let total = 0
  for (const m of masters) for (const x of (await m.info(section)).matchAll(re)) total += Number(x[1])
  return total
}
const commands = () => sumInfo('commandstats', /^cmdstat_(?!info|cluster|ping|client|command|hello|select|readonly)[^:]+:calls=(\d+)/gm)
const usedMemory = () => sumInfo('memory', /^used_memory:(\d+)/gm)

let node: Awaited<ReturnType<typeof startNode>> | undefined
try {
  node = await startNode({ redisUrl: cluster.url, prefix: PREFIX, root, env: { MAX_INFLIGHT: '256', LOG_LEVEL: 'error' } })
  const memBefore = await usedMemory()
  const cmdBefore = await commands()
  let events = 0
  const started = performance.now()
  const post = async (body: string) => {
    for (;;) {
      const res = await fetch(`${node!.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' }, body })
      if (res.status === 200) {
        const r = (await res.json()) as { rejected: unknown[] }
        if (r.rejected.length) throw new Error(`rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`)
        return
      }
      if (res.status !== 429 && res.status !== 503) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  let done = false
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!done) {
        const batch = sim.take(Date.now(), BATCH)
        if (!batch.length) {
          done = true
          break
        }
        events += batch.length
        await post(batch.map((e) => JSON.stringify(e)).join('\n'))
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const cmds = (await commands()) - cmdBefore
  console.log(`${months} month(s) of ${tree.root.name} (${root}): ${events.toLocaleString('en')} events in ${seconds.toFixed(1)} s = ${Math.round(events / seconds).toLocaleString('en')} events/s through one process (batches of ${BATCH}, ${CONCURRENCY} in flight; load average ${loadavg()[0].toFixed(1)})`)
  console.log(`Redis commands: ${cmds.toLocaleString('en')} = ${(cmds / events).toFixed(4)} per event (every master's INFO commandstats, scripts' inner calls included)`)

  // Let the 2-s checkpoint land and trim the stream behind it.
  await new Promise((r) => setTimeout(r, 5000))
  const c = cluster.client()
  const k = redisKeys(PREFIX, root)
  const usage = async (key: string) => Number(await c.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) || 0
  const stream = await usage(k.events)
  let ids = 0
  let largest = 0
  let members = 0
  const gens = await c.zrange(k.generations, '0', '-1')
  for (const g of gens) {
    const u = await usage(k.ids(g))
    ids += u
    largest = Math.max(largest, u)
    members += await c.scard(k.ids(g))
  }
  const used = (await usedMemory()) - memBefore
  c.disconnect()
  console.log(`Redis memory after the backfill: used_memory of the masters +${mb(used)}; stream ${mb(stream)} (trimmed behind the checkpoint), id sets ${mb(ids)} for ${members.toLocaleString('en')} ids = ${(ids / Math.max(1, members)).toFixed(1)} B/id, largest value ${mb(largest)} (${gens.length} id sets)`)
  const perEvent = used / events
  const yearEvents = (events / (months * 30.44)) * 365
  console.log(`a year at this rate: ${Math.round(yearEvents).toLocaleString('en')} events × ${perEvent.toFixed(1)} B/event ≈ ${mb(perEvent * yearEvents)} of Redis (ids are kept DEDUPE_DAYS = 400 days, so a year keeps every id)`)
} finally {
  await node?.stop('SIGKILL')
  for (const m of masters) m.disconnect()
  await cluster.dispose()
}
