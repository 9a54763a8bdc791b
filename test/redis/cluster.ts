/** Multi-process test rig: server children on one Redis (plus an embedded twin), walls, ingest and snapshots. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io, type Socket } from 'socket.io-client'
import type { IngestEvent } from '../../shared/events.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { followSnapshot } from '../../shared/snapshot-feed.ts'
import type { ClientToServerEvents, Heartbeat, ServerToClientEvents } from '../../shared/socket-contract.ts'
import { clusterNodes } from '../../server/store/redis-connection.ts'
import { redisKeys } from '../../server/store/redis-keys.ts'
import { startChildServer, type ChildServer } from '../../server/testing/child-server.ts'

export const TOKEN = 'redis-test-ingest-token'
export const ROOT = '2103'
export const TICK_MS = 100

/** Starts one server process: on Redis when `redisUrl` is given, else on a temp embedded store. */
export async function startNode(opts: { redisUrl?: string; prefix?: string; root?: string; dataDir?: string; env?: Record<string, string> } = {}): Promise<ChildServer & { dataDir: string }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'yiwang-node-'))
  const child = await startChildServer({
    REDIS_URL: opts.redisUrl ?? '',
    KEY_PREFIX: opts.prefix ?? 'yiwang',
    INGEST_TOKEN: TOKEN,
    TICK_MS: String(TICK_MS),
    DATA_DIR: dataDir,
    REGION_ROOT: opts.root ?? ROOT,
    CLIENT_DIR: join(dataDir, 'no-client'),
    // Several server processes, Redis and the test share two cores: an event-loop delay here is the
    // machine's load, not the server's, so the 503 under event-loop pressure waits for a minute.
    EVENT_LOOP_MAX_MS: '60000',
    ...opts.env,
  }).catch((err: Error) => {
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    throw err
  })
  return {
    ...child,
    dataDir,
    async stop(signal?: NodeJS.Signals) {
      await child.stop(signal)
      // A folder the caller gave stays (a restart on the same state); an own one goes.
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The outcome of one POST. */
export interface Posted {
  status: number
  retryAfter: string | null
  body: { accepted?: number; duplicates?: number; rejected?: unknown[]; error?: string } | null
}

/** POSTs a batch; a connection failure (killed process) is status 0. */
export async function post(url: string, events: IngestEvent[]): Promise<Posted> {
  try {
    const res = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    })
    const body = (await res.json().catch(() => null)) as Posted['body']
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body }
  } catch {
    return { status: 0, retryAfter: null, body: null }
  }
}

/** POSTs and insists on a clean 200 (every event accepted or a duplicate); any refusal fails. */
export async function postOk(url: string, events: IngestEvent[]): Promise<Posted> {
  const r = await post(url, events)
  if (r.status !== 200 || r.body?.rejected?.length) throw new Error(`POST ${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`)
  return r
}

/** A region snapshot without the fields that differ between processes by construction (clock, last ingest). */
export async function figures(url: string, region = ROOT): Promise<Omit<Snapshot, 'asOf' | 'lastEventAt'>> {
  const res = await fetch(`${url}/api/v1/regions/${region}/snapshot`)
  if (!res.ok) throw new Error(`snapshot ${url}: ${res.status}`)
  return stripClock((await res.json()) as Snapshot)
}

/**
 * Drops `asOf` and `lastEventAt`, and keeps of the stage board only the count per stage: its age
 * bands move with each process's own clock (a request crosses 1 h at one process's tick and the
 * next tick of another).
 */
export function stripClock(s: Snapshot): Omit<Snapshot, 'asOf' | 'lastEventAt'> {
  const { asOf: _a, lastEventAt: _l, ...rest } = s
  if (!rest.closedLoop) return rest
  const stages = Object.fromEntries(
    Object.entries(rest.closedLoop.stages).map(([k, b]) => [k, { lt1h: b.lt1h + b.lt24h + b.lt3d + b.older, lt24h: 0, lt3d: 0, older: 0 }]),
  ) as typeof rest.closedLoop.stages
  return { ...rest, closedLoop: { ...rest.closedLoop, stages } }
}

/** Waits until `check` returns true, polling; throws with `what` after `ms`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Waits until every url shows the same figures for `region`, and returns them. */
export async function converged(urls: string[], region = ROOT, ms = 20_000): Promise<Omit<Snapshot, 'asOf' | 'lastEventAt'>> {
  let last: string[] = []
  await until(
    `${urls.length} processes to agree on ${region}`,
    async () => {
      last = await Promise.all(urls.map(async (u) => JSON.stringify(await figures(u, region))))
      return last.every((s) => s === last[0])
    },
    ms,
  )
  return JSON.parse(last[0])
}

/** A wall: one socket subscribed to a region, recording its snapshot after each kpi delta and every frame's liveness. */
export interface Wall {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>
  kpis: { at: number; snapshot: Snapshot }[]
  beats: { at: number; beat: Heartbeat }[]
  close(): void
}

/** Opens a wall on `url` (WebSocket only, as behind a load balancer) subscribed to `region`. */
export async function openWall(url: string, region = ROOT): Promise<Wall> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], reconnectionDelay: 100 })
  const wall: Wall = { socket, kpis: [], beats: [], close: () => socket.close() }
  const follower = followSnapshot()
  const subscribe = async () => {
    const res = await socket.emitWithAck('subscribe', { region })
    if (!res.ok) throw new Error(`subscribe ${region} at ${url}: ${res.error}`)
    follower.reset(res.data)
  }
  socket.on('frame', (frame) => {
    if (frame.region !== region) return
    wall.beats.push({ at: Date.now(), beat: { at: frame.at, lastEventAt: frame.lastEventAt, storeHealthy: frame.storeHealthy } })
    if (!frame.kpi) return
    const { snapshot, gap } = follower.take(frame.kpi)
    if (snapshot) wall.kpis.push({ at: Date.now(), snapshot })
    if (gap) void subscribe().catch(() => {})
  })
  socket.on('connect', () => void subscribe().catch(() => {}))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  await subscribe()
  return wall
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++
        out[i] = await tasks[i]()
      }
    }),
  )
  return out
}

/** Every event id Redis holds for `prefix` and `root` (the live id sets, read straight from Redis or a cluster). */
export async function storedIds(redisUrl: string, prefix: string, root = ROOT): Promise<Set<string>> {
  const { Cluster, Redis } = await import('ioredis')
  const cluster = clusterNodes(redisUrl)
  const r = cluster ? new Cluster(cluster.nodes) : new Redis(redisUrl)
  try {
    const ids = new Set<string>()
    const keys = redisKeys(prefix, root)
    for (const gen of await r.zrangebyscore(keys.generations, Date.now(), '+inf')) {
      for (const id of await r.smembers(keys.ids(gen))) ids.add(id)
    }
    return ids
  } finally {
    r.disconnect()
  }
}
