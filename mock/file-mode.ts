/**
 * File mode: the simulated stream as NDJSON into a file or stdout, with no server involved.
 * The city is simulated in shards on worker threads (requests and shifts by day of start, so the
 * shards are disjoint and each is time-ordered) and merged here by time; ties go to the lower
 * shard, so the output depends on the seed and the options only, not on the machine.
 */
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { Worker } from 'node:worker_threads'

/** What a shard worker simulates (structured-cloned to it). */
export interface ShardPlan {
  /** Region pack root code. */
  root: string
  seed: number
  from: number
  to: number
  gridFrom: number
  dailyVolume?: number
  index: number
  count: number
  /** Events per batch. */
  batch: number
}

/** A batch from a shard: NDJSON lines, the end offset of each line, and each line's time (ms). */
export interface ShardBatch {
  bytes: Uint8Array
  ends: Uint32Array
  times: Float64Array
}

export type FilePlan = Omit<ShardPlan, 'index' | 'count' | 'batch'>

/** Number of shards: fixed, so the same options give the same bytes on any machine. */
export const SHARDS = 2
const OUT_CHUNK = 1 << 20

/** A shard worker and its batches, two asked for ahead so it never waits on the merge. */
class Shard {
  private readonly worker: Worker
  private readonly ready: ShardBatch[] = []
  private waiting: ((b: ShardBatch) => void) | null = null
  private failure: Error | null = null
  private closing = false
  done = false
  batch: ShardBatch | null = null
  /** Next line of `batch`. */
  line = 0

  readonly index: number

  constructor(plan: ShardPlan) {
    this.index = plan.index
    this.worker = new Worker(new URL('./shard-worker.mjs', import.meta.url), {
      workerData: plan,
      // The same young generation as the main process (see young-generation.ts).
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    })
    this.worker.on('message', (b: ShardBatch) => {
      if (this.waiting) {
        const w = this.waiting
        this.waiting = null
        w(b)
      } else this.ready.push(b)
    })
    const fail = (err: Error): void => {
      this.failure ??= err
      this.waiting?.({ bytes: new Uint8Array(0), ends: new Uint32Array(0), times: new Float64Array(0) })
    }
    this.worker.on('error', fail)
    this.worker.on('exit', (code) => {
      if (!this.closing) fail(new Error(`file mode: shard ${this.index} stopped (exit code ${code})`))
    })
    this.ask()
    this.ask()
  }

  private ask(): void {
    this.worker.postMessage(0)
  }

  /** Moves to the shard's next batch; false when the shard has no more events. */
  async advance(): Promise<boolean> {
    if (this.failure) throw this.failure
    const b = this.ready.shift() ?? (await new Promise<ShardBatch>((r) => (this.waiting = r)))
    if (this.failure) throw this.failure
    if (!b.ends.length) {
      this.done = true
      this.batch = null
      return false
    }
    this.ask()
    this.batch = b
    this.line = 0
    return true
  }

  /** Time of the current line. */
  get time(): number {
    return this.batch!.times[this.line]
  }

  async close(): Promise<void> {
    this.closing = true
    await this.worker.terminate()
  }
}

/** Writes the stream from `plan.from` to `plan.to` as NDJSON, simulated in shards; resolves with the count. */
export async function writeNdjsonSharded(plan: FilePlan, out: Writable): Promise<number> {
  const shards = Array.from({ length: SHARDS }, (_, index) => new Shard({ ...plan, index, count: SHARDS, batch: 4000 }))
  let count = 0
  let chunk = Buffer.allocUnsafe(OUT_CHUNK)
  let used = 0
  const flush = async (): Promise<void> => {
    if (!used) return
    const full = chunk.subarray(0, used)
    chunk = Buffer.allocUnsafe(OUT_CHUNK)
    used = 0
    if (!out.write(full)) await drained(out)
  }
  try {
    await Promise.all(shards.map((s) => s.advance()))
    for (;;) {
      // The shard with the earliest line (ties: the lower shard) gives a run of lines up to the next head's time.
      let s: Shard | null = null
      for (const x of shards) if (!x.done && (!s || x.time < s.time)) s = x
      if (!s) break
      let other = Infinity
      let first = true // at `other`, this shard's lines go before the other heads
      for (const x of shards) {
        if (x === s || x.done) continue
        if (x.time < other) {
          other = x.time
          first = s.index < x.index
        } else if (x.time === other && x.index < s.index) first = false
      }
      const b = s.batch!
      const from = s.line
      let last = from
      while (last < b.ends.length && (b.times[last] < other || (first && b.times[last] === other))) last++
      const start = from ? b.ends[from - 1] : 0
      const end = b.ends[last - 1]
      if (used + end - start > chunk.length) await flush()
      if (end - start > chunk.length) {
        if (!out.write(b.bytes.subarray(start, end))) await drained(out)
      } else {
        chunk.set(b.bytes.subarray(start, end), used)
        used += end - start
      }
      count += last - from
      s.line = last
      if (last === b.ends.length) await s.advance()
    }
    await flush()
  } finally {
    await Promise.all(shards.map((s) => s.close()))
  }
  await finish(out)
  return count
}

/** Resolves when `out` wants more, rejects if it fails first (a full disk, a closed pipe). */
function drained(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error): void => {
      out.off('drain', done)
      out.off('error', done)
      if (err) reject(err)
      else resolve()
    }
    out.on('drain', done)
    out.on('error', done)
  })
}

function finish(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    out.once('error', reject)
    if (out === process.stdout) resolve()
    else out.end(resolve)
  })
}

/** A writable for `--out` (`-` is stdout). */
export const openOut = (path: string): Writable => (path === '-' ? process.stdout : createWriteStream(path))
