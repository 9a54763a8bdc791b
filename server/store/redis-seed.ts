/**
 * Seeds the state folder of a new Redis-mode process from a running peer's, so it can join after the
 * stream was trimmed: `npx tsx server/store/redis-seed.ts <peer DATA_DIR> <new DATA_DIR>` with the
 * peer's `REDIS_URL`, `KEY_PREFIX` and `REGION_ROOT` in the environment.
 * The new process is registered at the peer's cursor before the copy, so no trim passes it meanwhile.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { connectRedis, waitReady } from './redis-connection.ts'
import { redisKeys } from './redis-keys.ts'
import { localStateDir, nodeName, splitCursor } from './redis-local-state.ts'

export interface SeedOptions {
  url: string
  prefix: string
  root: string
  /** The running peer's DATA_DIR. */
  from: string
  /** The new process's DATA_DIR (its state folder must not exist yet). */
  to: string
}

/** Copies the peer's state (an online, consistent SQLite backup); resolves with the stream cursor the copy covers. */
export async function seedFromPeer(o: SeedOptions): Promise<string> {
  const src = localStateDir(o.from, o.prefix, o.root)
  const dst = localStateDir(o.to, o.prefix, o.root)
  if (!existsSync(join(src, 'yiwang.db'))) throw new Error(`no state of ${o.prefix}/${o.root} in ${o.from}`)
  if (existsSync(join(dst, 'yiwang.db'))) throw new Error(`${dst} already holds a state`)
  const keys = redisKeys(o.prefix, o.root)
  const redis = connectRedis(o.url, 'yiwang-seed', 5000)
  try {
    await waitReady(redis, 10_000)
    const peer = await redis.hget(keys.cursors, nodeName(src))
    if (!peer) throw new Error(`the peer in ${o.from} has not registered a checkpoint yet`)
    mkdirSync(dst, { recursive: true })
    const node = nodeName(dst)
    // Hold the trim at the peer's registered cursor (≤ any state it will copy), then copy.
    await redis.hset(keys.cursors, node, `${peer.split('@')[0]}@${Date.now()}`)
    const db = new Database(join(src, 'yiwang.db'), { readonly: true })
    try {
      await db.backup(join(dst, 'yiwang.db'))
    } finally {
      db.close()
    }
    const copy = new Database(join(dst, 'yiwang.db'), { readonly: true })
    const saved = copy.prepare(`SELECT v FROM meta WHERE k = 'checkpoint'`).pluck().get() as Buffer | undefined
    copy.close()
    const cursor = saved ? splitCursor(saved)?.cursor : undefined
    if (!cursor) throw new Error(`the peer's state in ${o.from} holds no checkpoint`)
    await redis.hset(keys.cursors, node, `${cursor}@${Date.now()}`)
    return cursor
  } finally {
    redis.disconnect()
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [from, to] = process.argv.slice(2)
  const nodes = process.env.REDIS_CLUSTER_NODES
  const url = process.env.REDIS_URL || (nodes ? `redis+cluster://${nodes}` : '')
  if (!from || !to || !url) {
    console.error('usage: REDIS_URL=… (or REDIS_CLUSTER_NODES=host:port,…) [KEY_PREFIX=…] [REGION_ROOT=…] npx tsx server/store/redis-seed.ts <peer DATA_DIR> <new DATA_DIR>')
    process.exit(2)
  }
  seedFromPeer({ url, prefix: process.env.KEY_PREFIX || 'yiwang', root: process.env.REGION_ROOT || '2103', from, to }).then(
    (cursor) => console.log(`seeded ${to} at stream cursor ${cursor}`),
    (err: Error) => {
      console.error(`yiwang seed: ${err.message}`)
      process.exit(1)
    },
  )
}
