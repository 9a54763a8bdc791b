/**
 * The Redis store: a stream as the shared event log (one entry per batch), per-day id sets
 * for idempotency across processes, one shared checkpoint. Every process tails the stream
 * and so aggregates every event, in the same order.
 */
import { randomBytes } from 'node:crypto'
import { Redis, type RedisOptions, type Result } from 'ioredis'
import type { IngestEvent } from '../../shared/events.ts'
import type { AppendResult, Checkpoint, CommitListener, EventStore } from './event-store.ts'
import { compareStreamIds, eventDate, redisKeys, streamIdBefore, type RedisKeys } from './redis-keys.ts'
import type { RedisStoreOptions } from './redis-options.ts'
import { APPEND_LUA, CHECKPOINT_LUA } from './redis-scripts.ts'
import { StreamTail, type StreamEntry } from './redis-stream-tail.ts'

declare module 'ioredis' {
  interface RedisCommander<Context> {
    yiwangAppend(numKeys: number, ...args: (string | number)[]): Result<[string | null, string], Context>
    yiwangCheckpoint(checkpoint: string, stream: string, cursor: string, state: Buffer, minId: string): Result<number, Context>
  }
}

/** An append waiting for its entry to come back through the tail. */
interface Pending {
  /** The events of the script call in flight: the entry it writes holds exactly these. */
  events: IngestEvent[]
  /** The script has answered. */
  stored: boolean
  delivered: boolean
  settle: (err: Error | null) => void
}

/** Connection options shared by both connections: fail fast instead of queueing while Redis is away. */
export function redisConnectionOptions(name: string, commandTimeoutMs?: number): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    connectTimeout: 2000,
    connectionName: name,
    commandTimeout: commandTimeoutMs,
  }
}

/** Resolves once `conn` is ready, connecting it if needed; rejects after `ms`. */
export async function waitReady(conn: Redis, ms: number): Promise<void> {
  if (conn.status === 'ready') return
  if (conn.status === 'wait') conn.connect().catch(() => {})
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      conn.off('ready', ready)
      reject(new Error(`Redis not reachable after ${ms} ms`))
    }, ms)
    const ready = () => {
      clearTimeout(timer)
      resolve()
    }
    conn.once('ready', ready)
  })
}

export class RedisStore implements EventStore {
  readonly kind = 'redis' as const
  private readonly keys: RedisKeys
  private readonly cmd: Redis
  private readonly tailConn: Redis
  private tail: StreamTail | null = null
  private onCommit: CommitListener = () => {}
  private readonly pending = new Map<string, Pending>()
  private readonly tokenBase = randomBytes(4).toString('hex')
  private seq = 0
  private closed = false
  /** Last connection error, for messages. */
  lastError: string | null = null
  /** Run after the store has closed (e.g. to close the Socket.IO adapter's connections). */
  readonly onClosed: (() => void)[] = []

  constructor(private readonly opts: RedisStoreOptions) {
    this.keys = redisKeys(opts.prefix)
    this.cmd = new Redis(opts.url, redisConnectionOptions('yiwang-store', opts.commandTimeoutMs))
    this.tailConn = new Redis(opts.url, redisConnectionOptions('yiwang-tail'))
    for (const c of [this.cmd, this.tailConn]) c.on('error', (err: Error) => (this.lastError = err.message))
    this.cmd.defineCommand('yiwangAppend', { lua: APPEND_LUA })
    this.cmd.defineCommand('yiwangCheckpoint', { lua: CHECKPOINT_LUA, numberOfKeys: 2 })
  }

  /** Stream id of the last entry delivered to `onCommit` (`0-0` before any). */
  get cursor(): string {
    return this.tail?.cursor ?? '0-0'
  }

  get healthy(): boolean {
    return !this.closed && this.cmd.status === 'ready' && this.tailConn.status === 'ready'
  }

  async open(onCheckpoint: (c: Checkpoint) => boolean, onCommit: CommitListener): Promise<void> {
    await Promise.all([waitReady(this.cmd, this.opts.connectWaitMs), waitReady(this.tailConn, this.opts.connectWaitMs)])
    const [cursor, state] = await this.cmd.hmgetBuffer(this.keys.checkpoint, 'cursor', 'state')
    let from = '0-0'
    if (cursor && state && onCheckpoint({ cursor: cursor.toString(), state })) from = cursor.toString()
    this.onCommit = onCommit
    this.tail = new StreamTail(this.tailConn, this.keys.events, from, (entries) => this.deliver(entries))
    await this.tail.drain()
    this.tail.start()
  }

  /** Hands tailed entries to `onCommit` in stream order and settles the appends that wrote them. */
  private deliver(entries: StreamEntry[]): void {
    for (const entry of entries) {
      const own = this.pending.get(entry.token)
      try {
        this.onCommit(own ? own.events : (JSON.parse(entry.json) as IngestEvent[]))
      } catch (err) {
        // The tail has moved past this entry: a failing listener must not stall the entries after it.
        process.emitWarning(`yiwang: delivering stream entry ${entry.id} failed: ${(err as Error).message}`)
      }
      if (!own) continue
      own.delivered = true
      if (own.stored) own.settle(null)
    }
  }

  append(events: IngestEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('store is closed'))
    if (!this.healthy) return Promise.reject(new Error(`Redis unavailable${this.lastError ? ` (${this.lastError})` : ''}`))
    const fresh: boolean[] = new Array(events.length).fill(false)
    // Repeats within the batch are duplicates of its first occurrence.
    const firstOf = new Set<string>()
    let candidates: number[] = []
    events.forEach((e, i) => {
      if (firstOf.has(e.id)) return
      firstOf.add(e.id)
      candidates.push(i)
    })
    if (!candidates.length) return Promise.resolve({ fresh })
    const token = `${this.tokenBase}:${(++this.seq).toString(36)}`
    return new Promise<AppendResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const p: Pending = {
        events: [],
        stored: false,
        delivered: false,
        settle: (err) => {
          clearTimeout(timer)
          this.pending.delete(token)
          if (err) reject(err)
          else resolve({ fresh })
        },
      }
      this.pending.set(token, p)
      const attempt = async (): Promise<string | null> => {
        // Each round that finds ids already stored writes nothing and drops them; the rest go again.
        while (candidates.length) {
          p.events = candidates.map((i) => events[i])
          const [entry, dups] = await this.cmd.yiwangAppend(...this.appendArgs(p.events, token))
          if (entry) {
            for (const i of candidates) fresh[i] = true
            return entry
          }
          const drop = new Set(dups.split(',').map(Number))
          candidates = candidates.filter((_, j) => !drop.has(j))
        }
        return null
      }
      attempt().then(
        (entry) => {
          p.stored = true
          if (!entry || p.delivered) return p.settle(null)
          // Stored: wait for our own tail to deliver it, so the figures include it when we answer.
          timer = setTimeout(
            () => p.settle(new Error(`stored as ${entry} but not delivered within ${this.opts.deliveryTimeoutMs} ms`)),
            this.opts.deliveryTimeoutMs,
          )
        },
        (err: Error) => p.settle(err),
      )
    })
  }

  /** Arguments of the append script for `batch` (distinct ids). */
  private appendArgs(batch: IngestEvent[], token: string): [number, ...(string | number)[]] {
    const keys = [this.keys.events]
    const keyIndex = new Map<string, number>()
    const kidx: number[] = new Array(batch.length)
    const ids: string[] = new Array(batch.length)
    batch.forEach((e, i) => {
      const key = this.keys.ids(eventDate(e.at))
      let k = keyIndex.get(key)
      if (k === undefined) keyIndex.set(key, (k = keys.push(key)))
      kidx[i] = k
      ids[i] = e.id
    })
    const ttlMs = this.opts.dedupeDays * 86_400_000
    return [keys.length, ...keys, ttlMs, token, JSON.stringify(batch), kidx.join(','), ...ids]
  }

  async saveCheckpoint(state: Uint8Array): Promise<void> {
    const cursor = this.cursor
    const stored = await this.cmd.hget(this.keys.checkpoint, 'cursor')
    if (stored && compareStreamIds(stored, cursor) >= 0) return
    const retainMs = this.opts.streamRetainHours * 3_600_000
    const minId = retainMs ? streamIdBefore(cursor, retainMs) : '0-0'
    await this.cmd.yiwangCheckpoint(this.keys.checkpoint, this.keys.events, cursor, Buffer.from(state.buffer, state.byteOffset, state.byteLength), minId)
  }

  async ping(): Promise<number> {
    if (!this.healthy) throw new Error(`Redis unavailable${this.lastError ? ` (${this.lastError})` : ''}`)
    const started = performance.now()
    await this.cmd.ping()
    return performance.now() - started
  }

  async close(): Promise<void> {
    if (this.closed) return
    // Appends already sent finish first (close flushes); new ones are refused.
    while (this.pending.size) await new Promise((r) => setTimeout(r, 5))
    this.closed = true
    const stopped = this.tail?.stop()
    this.tailConn.disconnect()
    await stopped
    await this.cmd.quit().catch(() => this.cmd.disconnect())
    for (const fn of this.onClosed) fn()
  }
}
