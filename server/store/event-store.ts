/** The store interface: a durable, deduplicating event log plus engine checkpoints. */
import type { IngestEvent } from '../../shared/events.ts'

/** Result of an append: which events of the batch were new (in batch order). */
export interface AppendResult {
  /** `fresh[i]` is true when events[i] was stored now, false when its id was seen before. */
  fresh: boolean[]
}

/** The request body the events came from, so a store can keep the bytes as received. */
export interface RawBatch {
  /** The body: a JSON array or NDJSON. */
  text: string
  /** Items in the body. */
  items: number
  /** The body's item index of each event passed to `append`. */
  indexes: number[]
}

/** A saved engine state and the log position it covers. */
export interface Checkpoint {
  /** Opaque log position: replay resumes after it. */
  cursor: string
  state: Uint8Array
}

/** Receives committed events in log order (from this process or, for shared stores, from others). */
export type CommitListener = (events: IngestEvent[]) => void

export interface EventStore {
  readonly kind: 'embedded' | 'redis'
  /**
   * Opens the store and replays: first the latest checkpoint (if any) to `onCheckpoint`,
   * then every committed event after it (or every event, when `onCheckpoint` refused it by
   * returning false) to `onCommit`, then keeps delivering new commits.
   */
  open(onCheckpoint: (c: Checkpoint) => boolean, onCommit: CommitListener): Promise<void>
  /**
   * Stores the events whose ids were not seen before, durably, and resolves once they
   * have been delivered to this process's `onCommit`. Rejects (storing nothing) when the
   * store is unavailable.
   */
  append(events: IngestEvent[], raw?: RawBatch): Promise<AppendResult>
  /**
   * Saves a checkpoint of the engine covering everything delivered so far. A store with `tables`
   * also writes the engine's changed state rows in the same atomic commit: `rows` hands them over
   * a slice of at most `max` at a time (null when done), called between turns of the event loop.
   */
  saveCheckpoint(state: Uint8Array, rows?: (max: number) => StateRows | null): Promise<void>
  /** The engine's state as keyed rows, read on demand (both stores keep it in an embedded database). */
  readonly tables: StateTables
  /** Round-trip check; resolves with latency in ms or rejects when unavailable. */
  ping(): Promise<number>
  /** Whether the store can currently accept writes. */
  readonly healthy: boolean
  /** Why the store refuses writes and since when (ms), where the store tells. */
  readonly failure?: { reason: string; since: number } | null
  close(): Promise<void>
}

/** Kinds of bucket rows: days are kept per level, so a start loads each level's recent days only. */
export const BucketKind = { day: 0, month: 1, hourly: 2, communityDay: 3, gridDay: 4, departmentDay: 5, departmentMonth: 6, flowDay: 7 } as const

/** Changed engine state, written with a checkpoint; `v: null` deletes the row. */
export interface StateRows {
  buckets: { kind: number; period: number; region: number; v: Uint8Array | null }[]
  requests: { id: string; hot: boolean; late: boolean; completed: number | null; v: string | null }[]
  kv: { k: string; v: Uint8Array | null }[]
}

/** Synchronous reads of state rows (an embedded database answers in microseconds). */
export interface StateTables {
  /** Bucket rows of `kind` for periods ≥ `from`. */
  buckets(kind: number, from: number): Iterable<{ period: number; region: number; v: Uint8Array }>
  bucket(kind: number, period: number, region: number): Uint8Array | undefined
  /** The first and last period of `kind`'s rows (none: no rows). */
  span(kind: number): { first: number; last: number } | undefined
  /** Requests marked hot: what the engine holds in memory. */
  hotRequests(): Iterable<string>
  request(id: string): string | undefined
  /** Requests completed after their deadline, completed after `t`. */
  lateCompletedAfter(t: number): Iterable<string>
  kv(prefix: string): Iterable<{ k: string; v: Uint8Array }>
  /** The kv row `k`, if any. */
  kvGet(k: string): Uint8Array | undefined
  /** Up to `limit` kv rows of `prefix` whose key follows `after` (text order): a family read a page at a time. */
  kvPage(prefix: string, after: string, limit: number): { k: string; v: Uint8Array }[]
}
