/**
 * Two region roots (鞍山 2103 and 盘锦 2111), two processes each, on one Redis Cluster of three
 * masters with a replica each: exact and isolated walls, the store contract on the cluster, a
 * parent wall rolled up over both roots, a bounded shutdown, and a master failover.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rollUp } from '../../shared/roll-up.ts'
import { buildApp, type BuiltApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { headlineRow } from '../../server/rollup/headline-row.ts'
import { createRedisBackend } from '../../server/store/redis-backend.ts'
import { redisKeys } from '../../server/store/redis-keys.ts'
import { localStateDir } from '../../server/store/redis-local-state.ts'
import { redisOptionsFromEnv } from '../../server/store/redis-options.ts'
import { RedisStore } from '../../server/store/redis-store.ts'
import { describeStoreContract } from '../../server/store/store-contract.ts'
import { buildTestApp, TOKEN as TEST_TOKEN, type TestApp } from '../../server/testing/test-app.ts'
import { startRedisCluster, type TestCluster } from '../../server/testing/redis-cluster.ts'
import { converged, figures, pool, post, postOk, startNode, storedIds, until } from './cluster.ts'
import { uniquePrefix } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'

let cluster: TestCluster
const dirs: string[] = []
const ownDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'yiwang-roots-'))
  dirs.push(d)
  return d
}

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1 })
}, 90_000)

afterAll(async () => {
  await cluster?.dispose()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describeStoreContract('redis cluster (WAIT for one replica)', async (settings = {}) => {
  const prefix = uniquePrefix('ccontract')
  const dataDir = ownDir()
  const make = () => new RedisStore({ ...redisOptionsFromEnv(cluster.url, prefix, { DATA_DIR: dataDir, REDIS_WAIT_REPLICAS: '1' }), ...settings })
  return { store: make(), reopen: async () => make(), keepsLogBehindCheckpoint: false, cleanup: async () => {} }
})

const PANJIN = loadRegionPack('2111')
type Node = Awaited<ReturnType<typeof startNode>>

describe('two region roots, two processes each, on one 3-master cluster with replicas', () => {
  let prefix = ''
  const roots: Record<'2103' | '2111', Node[]> = { '2103': [], '2111': [] }
  const twins: Partial<Record<'2103' | '2111', Node>> = {}
  const env = { REDIS_WAIT_REPLICAS: '1' }
  const anshan = realisticEvents({ count: 4000, seed: 51, prefix: 'AS', quiet: true })
  const panjin = realisticEvents({ count: 3000, seed: 52, prefix: 'PJ', tree: PANJIN, quiet: true })

  beforeAll(async () => {
    // A prefix whose two roots sit on different masters (each root is one slot: which master holds it depends on the tag).
    for (let i = 0; !prefix; i++) {
      const p = uniquePrefix('roots')
      const [a, b] = await Promise.all(['2103', '2111'].map((r) => cluster.masterOf(redisKeys(p, r).events)))
      if (a !== b || i > 40) prefix = p
    }
    const start = (root: '2103' | '2111') => startNode({ redisUrl: cluster.url, prefix, root, dataDir: ownDir(), env })
    // Two at a time: six processes starting at once on a shared two-core machine can take longer than a start may.
    const started: Node[] = []
    for (const pair of [
      [() => start('2103'), () => start('2103')],
      [() => start('2111'), () => start('2111')],
      [() => startNode({ root: '2103' }), () => startNode({ root: '2111' })],
    ]) {
      started.push(...(await Promise.all(pair.map((f) => f()))))
    }
    roots['2103'] = started.slice(0, 2)
    roots['2111'] = started.slice(2, 4)
    twins['2103'] = started[4]
    twins['2111'] = started[5]
  }, 120_000)

  afterAll(async () => {
    await Promise.all([...roots['2103'], ...roots['2111'], twins['2103'], twins['2111']].filter(Boolean).map((n) => n!.stop('SIGKILL')))
  })

  it('puts each root on its own slot, every key of a root on that slot', async () => {
    const c = cluster.client()
    try {
      const slot = async (k: string) => Number(await c.call('CLUSTER', 'KEYSLOT', k))
      for (const root of ['2103', '2111']) {
        const k = redisKeys(prefix, root)
        const slots = new Set(await Promise.all([k.events, k.cursors, k.trimmed, k.generations, k.ids('020000.000'), k.ids('020016.001')].map(slot)))
        expect(slots.size).toBe(1)
      }
      expect(await slot(redisKeys(prefix, '2103').events)).not.toBe(await slot(redisKeys(prefix, '2111').events))
    } finally {
      c.disconnect()
    }
  })

  it("gives each root's walls the exact figures of its embedded twin, and neither sees the other", async () => {
    const send = (events: typeof anshan, nodes: Node[], twin: Node) =>
      Promise.all([pool(batches(events, 200).map((b, i) => () => postOk(nodes[i % 2].url, b)), 4), pool(batches(events, 200).map((b) => () => postOk(twin.url, b)), 2)])
    await Promise.all([send(anshan, roots['2103'], twins['2103']!), send(panjin, roots['2111'], twins['2111']!)])
    for (const [root, region] of [['2103', '2103'], ['2103', '210302'], ['2111', '2111'], ['2111', '211102']] as const) {
      expect(await converged(roots[root].map((n) => n.url), region)).toEqual(await figures(twins[root]!.url, region))
    }
    // Events placed in 盘锦 posted to a process of 鞍山 are rejected (their region is not in the pack).
    const stray = await post(roots['2103'][0].url, panjin.filter((e) => 'region' in e).slice(0, 5))
    expect(stray.body?.accepted).toBe(0)
    expect(stray.body?.rejected).toHaveLength(5)
    expect((await fetch(`${roots['2103'][0].url}/api/v1/regions/2111/snapshot`)).status).toBe(404)
    expect(await converged(roots['2103'].map((n) => n.url))).toEqual(await figures(twins['2103']!.url))
    // Ids: each root's own.
    const ids2103 = await storedIds(cluster.url, prefix, '2103')
    const ids2111 = await storedIds(cluster.url, prefix, '2111')
    expect(ids2103.size).toBe(new Set(anshan.map((e) => e.id)).size)
    expect(ids2111.size).toBe(new Set(panjin.map((e) => e.id)).size)
  }, 120_000)

  it('stops a process within 3 s with its checkpoint at the end of the stream, and restarts it from there', async () => {
    const [victim] = roots['2103']
    await converged(roots['2103'].map((n) => n.url))
    const c = cluster.client()
    try {
      const k = redisKeys(prefix, '2103')
      const [[last]] = await c.xrevrange(k.events, '+', '-', 'COUNT', 1)
      const started = Date.now()
      await victim.stop('SIGTERM')
      expect(Date.now() - started).toBeLessThan(3000)
      const node = readFileSync(join(localStateDir(victim.dataDir, prefix, '2103'), 'node'), 'utf8')
      expect((await c.hget(k.cursors, node))?.split('@')[0]).toBe(last)
    } finally {
      c.disconnect()
    }
    const again = await startNode({ redisUrl: cluster.url, prefix, root: '2103', dataDir: victim.dataDir, env })
    roots['2103'][0] = again
    expect(await converged(roots['2103'].map((n) => n.url))).toEqual(await figures(twins['2103']!.url))
  }, 60_000)

  it('loses nothing acknowledged when the master of a root is killed and its replica takes over', async () => {
    const events = realisticEvents({ count: 4000, seed: 53, prefix: 'FO', quiet: true })
    const parts = batches(events, 100)
    const nodes = roots['2103']
    const acked = new Set<string>()
    let refused = 0
    let failover: Promise<void> | null = null
    await pool(
      parts.map((batch, i) => async () => {
        if (i === 8) {
          // The master of 鞍山's slot dies; its replica is promoted; the old master comes back as a replica.
          failover = (async () => {
            const victim = await cluster.masterOf(redisKeys(prefix, '2103').events)
            await victim.stop('SIGKILL')
            await until('the replica to take over', async () => (await cluster.masterOf(redisKeys(prefix, '2103').events).catch(() => victim)) !== victim, 30_000)
            await victim.start()
            await cluster.settled()
          })()
        }
        for (let attempt = 0; ; attempt++) {
          const r = await post(nodes[(i + attempt) % 2].url, batch)
          if (r.status === 200) {
            for (const e of batch) acked.add(e.id)
            return
          }
          refused++
          expect(r.status).toBe(503)
          if (attempt > 200) throw new Error(`batch ${i} never acknowledged: ${r.status} ${JSON.stringify(r.body)}`)
          await new Promise((res) => setTimeout(res, 200))
        }
      }),
      4,
    )
    await failover
    expect(refused).toBeGreaterThan(0)
    const stored = await storedIds(cluster.url, prefix, '2103')
    for (const id of acked) if (!stored.has(id)) throw new Error(`acknowledged ${id} was lost in the failover`)
    await pool(parts.map((b) => () => postOk(twins['2103']!.url, b)), 3)
    expect(await converged(nodes.map((n) => n.url), '2103', 40_000)).toEqual(await figures(twins['2103']!.url))
    // 盘锦 on its own master carried on untouched.
    expect(await converged(roots['2111'].map((n) => n.url), '2111')).toEqual(await figures(twins['2111']!.url, '2111'))
  }, 180_000)
})

describe('a parent wall over two roots', () => {
  it('sums the headline rows of 鞍山 and 盘锦 into exactly the figures of 辽宁 fed both', async () => {
    const now = Date.now()
    const prefix = uniquePrefix('rollup')
    const rootApp = async (root: string): Promise<BuiltApp> => {
      const config = loadConfig({ REDIS_URL: cluster.url, KEY_PREFIX: prefix, REGION_ROOT: root, DATA_DIR: ownDir(), INGEST_TOKEN: TEST_TOKEN, TICK_MS: '60000', EVENT_LOOP_MAX_MS: '60000' })
      const { store, configureIo } = createRedisBackend(config, {})
      return buildApp({ config, store, configureIo, clock: () => now })
    }
    const [anshan, panjin] = await Promise.all([rootApp('2103'), rootApp('2111')])
    const province: TestApp = await buildTestApp({ now, env: { REGION_ROOT: '21' } })
    try {
      const events = [
        realisticEvents({ count: 3000, seed: 61, prefix: 'RA', now, quiet: true }),
        realisticEvents({ count: 2000, seed: 62, prefix: 'RP', now, tree: PANJIN, quiet: true }),
      ]
      const ingest = async (app: BuiltApp, batch: unknown[]) => {
        const res = await app.app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${TEST_TOKEN}` }, payload: batch })
        expect(res.statusCode, res.body).toBe(200)
      }
      for (const b of batches(events[0], 500)) await ingest(anshan, b)
      for (const b of batches(events[1], 500)) await ingest(panjin, b)
      for (const b of batches(events.flat(), 500)) await ingest(province, b)
      const parent = rollUp('21', [headlineRow(anshan.engine), headlineRow(panjin.engine)])
      const truth = province.engine.snapshot(province.engine.tree.indexOf('21'))
      expect(parent.windows.ytd.accepted).toBeGreaterThan(0)
      expect(parent.windows).toEqual(truth.windows)
      expect([parent.open, parent.overdue, parent.onDuty]).toEqual([truth.open, truth.overdue, truth.grid.onDuty])
    } finally {
      await Promise.all([anshan.app.close(), panjin.app.close(), province.close()])
    }
  }, 120_000)
})
