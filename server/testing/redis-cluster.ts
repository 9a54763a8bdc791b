/**
 * A real Redis Cluster for tests and benchmarks: Debian's `redis-server` with `--cluster-enabled yes`
 * on free ports in a temp dir (AOF on), joined with `redis-cli --cluster create`. Masters can be
 * killed and started again (a failover to their replica, when the cluster has replicas).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Cluster, Redis } from 'ioredis'
import { freePort, redisProcess, redisServerBinary } from '../../test/redis/redis-server.ts'

/** One node of the test cluster. */
export interface ClusterNodeProc {
  port: number
  /** Whether the process runs. */
  readonly running: boolean
  stop(signal?: NodeJS.Signals): Promise<void>
  start(): Promise<void>
}

export interface TestCluster {
  /** `redis+cluster://127.0.0.1:p1,…` (every node, as REDIS_URL). */
  url: string
  nodes: ClusterNodeProc[]
  /** A cluster client for the test's own reads (disconnect it when done). */
  client(): Cluster
  /** The node serving `key`'s slot as master now. */
  masterOf(key: string): Promise<ClusterNodeProc>
  /** Resolves once every slot is served and every running replica is in sync (after a failover too). */
  settled(ms?: number): Promise<void>
  dispose(): Promise<void>
}

export interface TestClusterOptions {
  /** @default 3 */
  masters?: number
  /** Replicas per master. @default 0 */
  replicas?: number
  /** `cluster-node-timeout`: how soon a dead master is failed over. @default 1000 */
  nodeTimeoutMs?: number
  /** AOF fsync policy; `always` when a test kills a node and counts on what it acknowledged. @default 'everysec' */
  appendfsync?: 'always' | 'everysec'
}

function redisCliBinary(): string {
  const bin = process.env.REDIS_CLI_BIN ?? 'redis-cli'
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) throw new Error(`${bin} not found: install redis-server (it brings redis-cli) or set REDIS_CLI_BIN`)
  return bin
}

async function ping(port: number): Promise<Redis | null> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
  r.on('error', () => {})
  try {
    await r.connect()
    await r.ping()
    return r
  } catch {
    r.disconnect()
    return null
  }
}

async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`redis cluster: timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Starts `masters × (1 + replicas)` nodes and creates the cluster; never skips (throws when Redis is missing). */
export async function startRedisCluster(opts: TestClusterOptions = {}): Promise<TestCluster> {
  const bin = redisServerBinary()
  const cli = redisCliBinary()
  const masters = opts.masters ?? 3
  const replicas = opts.replicas ?? 0
  const root = mkdtempSync(join(tmpdir(), 'yiwang-cluster-'))
  const ports: number[] = []
  while (ports.length < masters * (1 + replicas)) {
    const p = await freePort()
    // The cluster bus listens on port + 10000: both must be free and distinct from the others.
    if (p <= 55_535 && !ports.includes(p) && !ports.includes(p + 10_000)) ports.push(p)
  }
  const nodes: ClusterNodeProc[] = ports.map((port) => {
    const dir = join(root, String(port))
    mkdirSync(dir)
    const args = [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--logfile', join(dir, 'redis.log'),
      '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 1000),
      '--cluster-replica-validity-factor', '0', '--appendonly', 'yes', '--appendfsync', opts.appendfsync ?? 'everysec', '--save', '',
    ]
    const proc = redisProcess(bin, args, `redis://127.0.0.1:${port}`)
    const node: ClusterNodeProc = {
      port,
      get running() {
        return proc.running
      },
      start: () => proc.start(),
      stop: (signal) => proc.stop(signal),
    }
    return node
  })
  const url = `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`
  const cluster: TestCluster = {
    url,
    nodes,
    client: () => new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })), { scaleReads: 'master' }),
    async masterOf(key) {
      const c = cluster.client()
      try {
        const slot = Number(await c.call('CLUSTER', 'KEYSLOT', key))
        const shards = (await c.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][]
        const owner = shards.find(([from, to]) => slot >= from && slot <= to)
        const node = nodes.find((n) => n.port === owner?.[2][1])
        if (!node) throw new Error(`no master serves slot ${slot}`)
        return node
      } finally {
        c.disconnect()
      }
    },
    async settled(ms = 30_000) {
      await until('every slot served and replicas in sync', ms, async () => {
        for (const n of nodes.filter((x) => x.running)) {
          const r = await ping(n.port)
          if (!r) return false
          try {
            const info = (await r.call('CLUSTER', 'INFO')) as string
            if (!/cluster_state:ok/.test(info) || !/cluster_slots_ok:16384/.test(info)) return false
            const repl = await r.info('replication')
            if (/role:slave/.test(repl) && !/master_link_status:up/.test(repl)) return false
          } finally {
            r.disconnect()
          }
        }
        return true
      })
    },
    async dispose() {
      await Promise.all(nodes.map((n) => n.stop('SIGKILL')))
      rmSync(root, { recursive: true, force: true })
    },
  }
  try {
    await Promise.all(nodes.map((n) => n.start()))
    const created = spawnSync(cli, ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'], { encoding: 'utf8', timeout: 60_000 })
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.stdout}\n${created.stderr}`)
    await cluster.settled()
  } catch (err) {
    await cluster.dispose()
    throw err
  }
  return cluster
}
