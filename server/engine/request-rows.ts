/**
 * Requests as rows of the state tables: which changed since the last checkpoint, a copy taken just
 * before one changes while a checkpoint encodes them (copy on write), and the closed requests that
 * leave memory once quiet (an event for one brings it back from the tables).
 */
import { Life } from '../../shared/kpi/request-contribution.ts'
import type { StateRows, StateTables } from '../store/event-store.ts'
import { NoSet } from './no-set.ts'
import { lastActivity, type RequestRecord } from './request-record.ts'
import { decodeRequest, encodeRequest } from './state-codec.ts'
import { TimeHeap } from '../../shared/time-heap.ts'
import { CapturedRows } from './captured-rows.ts'

type RequestRow = StateRows['requests'][number]

/** Requests that leave memory in one checkpoint at most. */
export const EVICT_PER_CHECKPOINT = 10_000

/** Request rows of a checkpoint, handed out a slice at a time. */
export interface RequestRowSource {
  /** Moves up to `room` rows into `out`; returns how many. */
  fill(out: RequestRow[], room: number): number
  /** Rows of requests that are gone (expired orphans). */
  readonly dropped: RequestRow[]
}

export class RequestRows {
  /** Requests changed since the last checkpoint (kept only with state tables). */
  dirty: Set<RequestRecord> = new NoSet()
  /** Ids of requests gone since the last checkpoint. */
  dropped: Set<string> = new NoSet()
  private tables: StateTables | null = null
  /** Requests that left memory in a checkpoint not yet committed. */
  private readonly leaving = new Map<string, RequestRecord>()
  /** Closed requests by the time they may leave memory (their last event + `evictAfterMs`). */
  private readonly quietAt = new TimeHeap<RequestRecord>()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturing: CapturedRows<RequestRecord, RequestRow> | null = null
  /** Requests taken off the quiet heap since the last capture (the checkpoint's share). */
  private evicted = 0

  constructor(
    private readonly evictAfterMs: number,
    /** Requests that leave memory in one checkpoint at most. */
    private readonly evictMax = EVICT_PER_CHECKPOINT,
  ) {}

  get tracking(): boolean {
    return this.tables !== null
  }

  track(tables: StateTables): void {
    this.tables = tables
    if (!(this.dirty instanceof NoSet)) return
    this.dirty = new Set()
    this.dropped = new Set()
  }

  /** A request not in memory: one leaving with the checkpoint in flight, or one read from the tables. */
  recall(id: string): RequestRecord | undefined {
    const r = this.leaving.get(id)
    if (r || !this.tables) return r
    const text = this.tables.request(id)
    return text === undefined ? undefined : decodeRequest(text)
  }

  /** Encodes a request taken by a checkpoint before it changes (copy on write). */
  touch(r: RequestRecord): void {
    this.capturing?.touch(r)
  }

  /**
   * Whether memory holds `r` as of the capture: not when it left with the checkpoint being encoded
   * (it stays in `leaving` until that checkpoint is committed, even if an event brings it back).
   */
  private hot(r: RequestRecord): boolean {
    return this.leaving.get(r.id) !== r
  }

  /** A closed request: it may leave memory once quiet for `evictAfterMs`. */
  closed(r: RequestRecord): void {
    if (this.tables) this.quietAt.push(lastActivity(r) + this.evictAfterMs, r)
  }

  /**
   * Moves out of `requests` the closed ones quiet since `evictAfterMs`, at most `max` now and
   * `evictMax` per checkpoint (a backfill's old ones leave over several checkpoints, each with a
   * bounded share). Returns whether more are due within this checkpoint's share.
   */
  evictQuiet(now: number, requests: Map<string, RequestRecord>, max = this.evictMax): boolean {
    if (!this.tables) return false
    const q = this.quietAt
    const room = Math.min(max, this.evictMax - this.evicted)
    let n = 0
    for (; n < room && q.peekTime() <= now; n++) {
      const r = q.pop()!
      if (requests.get(r.id) !== r || !r.state || r.state.open || r.state.nextChange !== Infinity) continue
      if (lastActivity(r) + this.evictAfterMs > now) continue
      requests.delete(r.id)
      this.leaving.set(r.id, r)
      this.dirty.add(r)
    }
    this.evicted += n
    return this.evicted < this.evictMax && q.peekTime() <= now
  }

  /** Takes the requests changed since the last checkpoint; each is encoded when handed out or before it changes. */
  capture(): RequestRowSource {
    const captured = (this.capturing = new CapturedRows(this.dirty, (r) => requestRow(r, this.hot(r))))
    this.dirty = new Set()
    this.evicted = 0
    const dropped = [...this.dropped].map((id): RequestRow => ({ id, hot: true, late: false, completed: null, v: null }))
    this.dropped.clear()
    return {
      dropped,
      fill: (out, room) => {
        const n = captured.fill(out, room)
        if (captured.done && this.capturing === captured) this.capturing = null
        return n
      },
    }
  }

  /** The captured rows are committed: what left memory is no longer needed here. */
  persisted(): void {
    this.leaving.clear()
  }

  /** Registers a request loaded from the tables (hot rows) for eviction once quiet. */
  loaded(r: RequestRecord): void {
    if (r.state && !r.state.open) this.closed(r)
  }

  get unsaved(): number {
    return this.dirty.size
  }
}

/** A request's row: its JSON, whether memory holds it, and, if completed late, when. */
function requestRow(r: RequestRecord, hot: boolean): RequestRow {
  let late = false
  let completed: number | null = null
  if (r.created && r.state?.valid && !r.state.open) {
    for (const e of r.events) if (e.kind === Life.Completed && e.at <= r.evalNow) completed = e.at
    late = completed !== null && completed > r.created.deadline
  }
  return { id: r.id, hot, late, completed, v: encodeRequest(r) }
}
