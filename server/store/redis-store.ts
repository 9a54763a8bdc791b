/**
 * The Redis store: Redis holds what processes share — a stream per region root as the event log
 * (one entry per batch) and id sets for exactly-once — and each process keeps its engine state
 * in its own embedded database with the stream cursor it covers. Every process tails the stream
 * and so aggregates every event of its root, in the same order.
 */
import { randomBytes } from 'node:crypto'
import type { Result } from 'ioredis'
import type { IngestEvent } from '../../shared/events.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { AppendResult, Checkpoint, CommitListener, EventStore, StateRows, StateTables } from './event-store.ts'
import { connectRedis, waitReady, type RedisClient } from './redis-connection.ts'
import { compareStreamIds, ID_GENERATION_DAYS, ID_GENERATION_MAX, idExpiry, nextGeneration, redisKeys, type RedisKeys } from './redis-keys.ts'
import { LocalState } from './redis-local-store.ts'
import { localStateDir, nodeName, withCursor } from './redis-local-state.ts'
import type { RedisStoreOptions } from './redis-options.ts'
import { APPEND_LUA, REGISTER_LUA } from './redis-scripts.ts'
import { seedFromPeer } from './redis-seed.ts'
import { StreamTail, type StreamEntry } from './redis-stream-tail.ts'

declare module 'ioredis' {
  interface RedisCommander<Context> {
    yiwangAppend(numKeys: number, ...args: (string | number | Buffer)[]): Result<[string | null, string, string?], Context>
    yiwangRegister(cursors: string, stream: string, trimmed: string, node: string, cursor: string, now: number, retainMs: number, trim: string): Result<string, Context>
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

/** What to do when no process of the root holds a state this engine reads (docs/redis.md, "A lost local state"). */
const NO_STATE_READABLE =
  'No process of this root then holds a state this engine reads: run a version whose engine reads that state, or rebuild the root from its source events under a new KEY_PREFIX (fresh id sets)'

/** How long `close` lets appends in flight finish before refusing them (the shutdown stays ≤ 3 s). */
const CLOSE_WAIT_MS = 1500

export class RedisStore implements EventStore {
  readonly kind = 'redis' as const
  readonly keys: RedisKeys
  private readonly cmd: RedisClient
  private readonly tailConn: RedisClient
  /** This process's engine state and cursor, on its own disk. */
  private readonly local: LocalState
  private node = ''
  private tail: StreamTail | null = null
  private onCommit: CommitListener = () => {}
  private readonly pending = new Map<string, Pending>()
  private readonly tokenBase = randomBytes(4).toString('hex')
  private seq = 0
  /** The live id generations as last seen (the script says when they changed). */
  private generations: string[] = []
  private closed = false
  /** The tail's last read failed: the root's keys are unreachable (with a cluster, their master may be down while the rest answers). */
  private tailFailing = false
  private readonly clock: () => number
  /** Last connection error, for messages. */
  lastError: string | null = null
  /** How `open` recovered from a lost local state (rebuilt from the stream, or reseeded from a peer), for the log; null when it did not have to. */
  recovery: string | null = null
  /** Run after the store has closed (e.g. to close the Socket.IO adapter's connections). */
  readonly onClosed: (() => void)[] = []

  constructor(private readonly opts: RedisStoreOptions) {
    this.keys = redisKeys(opts.prefix, opts.root)
    this.clock = opts.clock ?? Date.now
    this.cmd = connectRedis(opts.url, 'yiwang-store', opts.commandTimeoutMs)
    this.tailConn = connectRedis(opts.url, 'yiwang-tail')
    for (const c of [this.cmd, this.tailConn]) c.on('error', (err: Error) => (this.lastError = err.message))
    this.cmd.defineCommand('yiwangAppend', { lua: APPEND_LUA })
    this.cmd.defineCommand('yiwangRegister', { lua: REGISTER_LUA, numberOfKeys: 3 })
    this.local = new LocalState(localStateDir(opts.dataDir, opts.prefix, opts.root), this.clock)
  }

  /** Stream id of the last entry delivered to `onCommit` (`0-0` before any). */
  get cursor(): string {
    return this.tail?.cursor ?? '0-0'
  }

  /** The engine's state rows, in this process's embedded database (whichever it is after a reseed). */
  get tables(): StateTables {
    return this.local.tables
  }

  get healthy(): boolean {
    return !this.closed && !this.tailFailing && this.cmd.status === 'ready' && this.tailConn.status === 'ready' && this.local.store.healthy
  }

  async open(onCheckpoint: (c: Checkpoint) => boolean, onCommit: CommitListener): Promise<void> {
    await Promise.all([waitReady(this.cmd, this.opts.connectWaitMs), waitReady(this.tailConn, this.opts.connectWaitMs)])
    this.node = nodeName(this.local.dir)
    const local = await this.local.open(onCheckpoint)
    let from = local.from
    // Registered before reading: from now on no process trims what this one still has to read.
    const kept = await this.register(from, false)
    if (compareStreamIds(from, kept) < 0 && this.opts.seedFrom) {
      // No usable local state (none, refused or unreadable) and the stream no longer holds what came before: start from a peer's.
      const aside = await this.local.setAside()
      const cursor = await seedFromPeer({ url: this.opts.url, prefix: this.opts.prefix, root: this.opts.root, from: this.opts.seedFrom, to: this.opts.dataDir })
      const again = await this.local.open(onCheckpoint)
      if (again.lost) throw new Error(`the state seeded from ${this.opts.seedFrom} is ${again.lost} too; the previous database is in ${aside}. ${NO_STATE_READABLE}`)
      from = again.from
      const why = local.lost ? `local state ${local.lost}` : local.from === '0-0' ? 'no local state' : `local state at cursor ${local.from}, behind the trimmed stream`
      this.recovery = `${why}: reseeded from the peer's state in ${this.opts.seedFrom} at stream cursor ${cursor} (the previous database is in ${aside})`
    } else if (compareStreamIds(from, kept) < 0) {
      await this.local.store.close()
      throw new Error(
        `the stream ${this.keys.events} was trimmed to ${kept}, past this process's state (${local.lost ? `local state ${local.lost}` : from === '0-0' ? 'none' : `cursor ${from}`} in ${this.local.dir}): ` +
          `start it from a copy of another process's state folder (REDIS_SEED_FROM, or redis-seed.ts; see docs/redis.md)`,
      )
    } else if (local.lost) {
      this.recovery = `local state ${local.lost}: rebuilt from the stream, which still holds every entry since ${from}`
    }
    this.onCommit = onCommit
    this.tail = new StreamTail(
      this.tailConn,
      this.keys.events,
      from,
      (entries) => this.deliver(entries),
      (ok, err) => {
        this.tailFailing = !ok
        if (err) this.lastError = err.message
      },
    )
    await this.tail.drain()
    this.tail.start()
  }

  /** Records this process's cursor (trimming the stream behind every process's cursor); returns the lowest id kept. */
  private register(cursor: string, trim: boolean): Promise<string> {
    const k = this.keys
    return this.cmd.yiwangRegister(k.cursors, k.events, k.trimmed, this.node, cursor, this.clock(), this.opts.streamRetainHours * 3_600_000, trim ? '1' : '0')
  }

  /** Hands tailed entries to `onCommit` in stream order and settles the appends that wrote them. */
  private deliver(entries: StreamEntry[]): void {
    // The state rows the engine reads on demand share one read transaction.
    this.local.store.withinRead(() => this.deliverEach(entries))
  }

  private deliverEach(entries: StreamEntry[]): void {
    for (const entry of entries) {
      const own = this.pending.get(entry.token)
      try {
        this.onCommit(own ? own.events : (JSON.parse(entry.json.toString()) as IngestEvent[]))
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
          const [entry, dups] = await this.runAppend(p.events, token)
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

  /** One run of the append script for `batch` (distinct ids): stored, or the positions of ids seen before. */
  private async runAppend(batch: IngestEvent[], token: string): Promise<[string | null, string]> {
    for (let tries = 0; ; tries++) {
      const [entry, dups, generations] = await this.runScript(batch, token)
      if (generations === undefined) return [entry, dups]
      if (tries >= 5) throw new Error('the id sets kept changing while this batch was stored; nothing was stored, retry')
      // Another process started or expired a generation: look in the current ones.
      this.generations = generations ? generations.split(',') : []
    }
  }

  /** The append script once; with `waitReplicas`, answered only once replicas hold what it wrote. */
  private async runScript(batch: IngestEvent[], token: string): Promise<[string | null, string, string?]> {
    const now = this.clock()
    const today = dayIndex(now)
    const gens = this.generations
    const next = nextGeneration(gens.at(-1), today)
    const keys = [this.keys.events, this.keys.generations, ...gens.map((g) => this.keys.ids(g)), this.keys.ids(next)]
    // The batch as bytes: the client then writes the command as buffers, encoding the JSON once,
    // instead of measuring it and joining it into one ≈ 180 kB string to encode again (½ to ⅓ the time).
    const json = Buffer.from(JSON.stringify(batch))
    const args: (string | number | Buffer)[] = [now, today, idExpiry(today, this.opts.dedupeDays), token, json, gens.join(','), next, ID_GENERATION_DAYS, this.opts.idGenerationMax ?? ID_GENERATION_MAX]
    for (const e of batch) args.push(e.id)
    if (!this.opts.waitReplicas) return this.cmd.yiwangAppend(keys.length, ...keys, ...args)
    // WAIT on the same connection as the script: it counts the replicas that hold this write.
    const waitMs = Math.max(100, this.opts.commandTimeoutMs - 1000)
    const replies = await this.cmd.pipeline().yiwangAppend(keys.length, ...keys, ...args).wait(this.opts.waitReplicas, waitMs).exec()
    if (!replies) throw new Error('Redis unavailable (pipeline discarded)')
    const [[appendErr, result], [waitErr, replicas]] = replies as [[Error | null, [string | null, string, string?]], [Error | null, number]]
    if (appendErr) throw appendErr
    if (waitErr) throw waitErr
    if (replicas < this.opts.waitReplicas) throw new Error(`stored, but ${replicas} of ${this.opts.waitReplicas} replicas confirmed it within ${waitMs} ms`)
    return result
  }

  /**
   * Writes the engine header and its changed rows to this process's database with the cursor
   * they cover, then tells Redis that cursor (the stream is trimmed behind every process's).
   */
  async saveCheckpoint(state: Uint8Array, rows?: (max: number) => StateRows | null): Promise<void> {
    const cursor = this.cursor
    await this.local.store.saveCheckpoint(withCursor(cursor, state), rows)
    if (this.closed || this.cmd.status !== 'ready') return
    // The state is safe on disk; a failed registration only delays the trim until the next checkpoint.
    await this.register(cursor, true).catch((err: Error) => (this.lastError = err.message))
  }

  /** Writes the root's headline row (one `SET … PX` on the root's slot); a no-op while Redis is away. */
  async publishHeadline(json: string, ttlMs: number): Promise<void> {
    if (!this.healthy) return
    await this.cmd.set(this.keys.headline, json, 'PX', ttlMs)
  }

  async ping(): Promise<number> {
    if (!this.healthy) throw new Error(`Redis unavailable${this.lastError ? ` (${this.lastError})` : ''}`)
    const started = performance.now()
    await this.cmd.exists(this.keys.events)
    return performance.now() - started
  }

  async close(): Promise<void> {
    if (this.closed) return
    // Appends already sent may finish (briefly); new ones are refused.
    const until = Date.now() + CLOSE_WAIT_MS
    while (this.pending.size && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
    for (const p of [...this.pending.values()]) p.settle(new Error('store closed before the batch was delivered'))
    this.closed = true
    const stopped = this.tail?.stop()
    this.tailConn.disconnect()
    await stopped
    // QUIT politely, but never wait long for it (a node may be gone).
    await Promise.race([this.cmd.quit().catch(() => {}), new Promise((r) => setTimeout(r, 500))])
    this.cmd.disconnect()
    await this.local.store.close()
    for (const fn of this.onClosed) fn()
  }
}
