/** A real `redis-server` for tests and the benchmark: own free port, own temp dir, AOF on. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

/** A redis-server child that can be stopped (gracefully or with SIGKILL) and started again on the same port and dir. */
export interface TestRedis {
  url: string
  port: number
  dir: string
  /** Whether this helper owns the process (false when REDIS_URL was given). */
  owned: boolean
  stop(signal?: NodeJS.Signals): Promise<void>
  start(): Promise<void>
  dispose(): Promise<void>
}

export interface TestRedisOptions {
  /** @default 'everysec' */
  appendfsync?: 'always' | 'everysec' | 'no'
  /** @default true */
  appendonly?: boolean
}

/** A free TCP port on 127.0.0.1 (free when asked; callers bind it right away). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** Path of the redis-server binary; throws (never skips) when it is missing. */
export function redisServerBinary(): string {
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server'
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    throw new Error(`${bin} not found: install it (apt-get install -y redis-server) or set REDIS_URL / REDIS_SERVER_BIN`)
  }
  return bin
}

/** A redis-server child with `args`, started and stopped on demand (same port and dir each time). */
export function redisProcess(bin: string, args: string[], url: string): { readonly running: boolean; start(): Promise<void>; stop(signal?: NodeJS.Signals): Promise<void> } {
  let child: ChildProcess | null = null
  return {
    get running() {
      return child !== null
    },
    async start() {
      if (child) return
      const c = spawn(bin, args, { stdio: 'ignore' })
      child = c
      c.on('exit', () => {
        if (child === c) child = null
      })
      await waitForRedis(url, 10_000)
    },
    async stop(signal = 'SIGTERM') {
      const c = child
      if (!c) return
      const exited = new Promise((r) => c.once('exit', r))
      c.kill(signal)
      await exited
      child = null
    },
  }
}

/** Starts an own redis-server on a free port in a fresh temp dir. */
export async function startRedis(opts: TestRedisOptions = {}): Promise<TestRedis> {
  const bin = redisServerBinary()
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-redis-'))
  const port = await freePort()
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', opts.appendonly === false ? 'no' : 'yes',
    '--appendfsync', opts.appendfsync ?? 'everysec',
    '--daemonize', 'no',
    '--logfile', join(dir, 'redis.log'),
  ]
  const url = `redis://127.0.0.1:${port}`
  const proc = redisProcess(bin, args, url)
  const t: TestRedis = {
    url,
    port,
    dir,
    owned: true,
    start: () => proc.start(),
    stop: (signal) => proc.stop(signal),
    async dispose() {
      await t.stop('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await t.start()
  return t
}

/** REDIS_URL when given (CI service), else an own redis-server; either way disposable. */
export async function redisForTests(opts: TestRedisOptions = {}): Promise<TestRedis> {
  const given = process.env.REDIS_URL
  if (!given) return startRedis(opts)
  const u = new URL(given)
  const noop = async () => {}
  return { url: given, port: Number(u.port || 6379), dir: '', owned: false, start: noop, stop: noop, dispose: () => dropTestKeys(given) }
}

/** Resolves once Redis at `url` answers PING. */
export async function waitForRedis(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
    r.on('error', () => {})
    try {
      await r.connect()
      await r.ping()
      return
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis at ${url} did not come up: ${(err as Error).message}`)
      await new Promise((res) => setTimeout(res, 50))
    } finally {
      r.disconnect()
    }
  }
}

const prefixes: string[] = []

/** A key prefix no other test uses, so tests can share one Redis (remembered for `dropTestKeys`). */
export function uniquePrefix(name: string): string {
  const prefix = `t-${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  prefixes.push(prefix)
  return prefix
}

/** Deletes the keys of every prefix this process made with `uniquePrefix` (for a shared REDIS_URL). */
export async function dropTestKeys(url: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  r.on('error', () => {})
  try {
    await r.connect()
    for (const prefix of prefixes.splice(0)) {
      let cursor = '0'
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `{${prefix}:*`, 'COUNT', 1000)
        if (keys.length) await r.del(...keys)
        cursor = next
      } while (cursor !== '0')
    }
  } catch {
    // Redis already gone (own server disposed): nothing to clean.
  } finally {
    r.disconnect()
  }
}
