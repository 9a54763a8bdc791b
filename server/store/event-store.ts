/** The store interface: a durable, deduplicating event log plus engine checkpoints. */
import type { IngestEvent } from '../../shared/events.ts'

/** Result of an append: which events of the batch were new (in batch order). */
export interface AppendResult {
  /** `fresh[i]` is true when events[i] was stored now, false when its id was seen before. */
  fresh: boolean[]
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
  append(events: IngestEvent[]): Promise<AppendResult>
  /** Saves a checkpoint of the engine covering everything delivered so far. */
  saveCheckpoint(state: Uint8Array): Promise<void>
  /** Round-trip check; resolves with latency in ms or rejects when unavailable. */
  ping(): Promise<number>
  /** Whether the store can currently accept writes. */
  readonly healthy: boolean
  close(): Promise<void>
}
