/** Per-region push state: the last snapshot its subscribers hold, its version, and its deltas. */
import type { Snapshot } from '../../shared/kpi-types.ts'
import { diffSnapshot } from '../../shared/snapshot-feed.ts'
import { beatDue, type KpiDelta, type Subscription } from '../../shared/socket-contract.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { Engine } from '../engine/engine.ts'

interface RoomFeed {
  index: number
  /** Version of `last`; versions come from one counter, so they never repeat within a process. */
  seq: number
  /** The snapshot every subscriber holds (after the last delta sent). */
  last: Snapshot
  /** Engine version and day `last` was built at. */
  stamp: string
  /** Tick and time (ms) of the last frame sent to the region. */
  sentTick: number
  sentAt: number
}

/** Ticks a region's serialised subscribe ack is reused while its version holds. */
export const ACK_TICKS = 5

/** The push state of every subscribed region of this process. */
export type RoomFeeds = ReturnType<typeof createRoomFeeds>

/** Room feeds over `engine`; versions start at `firstSeq` (a new process starts past the old one's). */
export function createRoomFeeds(engine: Engine, firstSeq = Date.now()) {
  const feeds = new Map<string, RoomFeed>()
  // Subscribe acks as JSON, kept for ACK_TICKS ticks while the version holds: in a reconnect
  // storm a community's few walls come back over several ticks. Kept longer, 1,300 regions' JSON
  // would be about 1.6 KB of heap per wall at 10,000 walls.
  const acks = new Map<string, { seq: number; tick: number; json: string }>()
  const dropAcks = (tick: number): void => {
    for (const [code, ack] of acks) if (tick - ack.tick >= ACK_TICKS) acks.delete(code)
  }
  let nextSeq = firstSeq
  const stamp = (index: number) => `${engine.version(index)}:${dayIndex(engine.clock())}:${engine.ageVersion(index)}`
  const feedOf = (code: string, index: number, tick: number): RoomFeed => {
    let feed = feeds.get(code)
    if (!feed) {
      feed = { index, seq: nextSeq++, last: engine.snapshot(index), stamp: stamp(index), sentTick: tick, sentAt: engine.clock() }
      feeds.set(code, feed)
    }
    return feed
  }

  return {
    /**
     * The subscribe ack for region `index`: the snapshot the region's subscribers hold, so however
     * many walls (re)subscribe, a region's snapshot is built at most once per tick.
     */
    subscription(code: string, index: number, tick: number): Subscription {
      const feed = feedOf(code, index, tick)
      // Clock fields as of now; the next delta carries them again in any case.
      return { seq: feed.seq, snapshot: { ...feed.last, asOf: engine.clock(), lastEventAt: engine.lastEventAt } }
    },
    /**
     * The subscribe ack `{ ok: true, data: subscription }` as JSON, serialised once per region and
     * version for up to {@link ACK_TICKS} ticks (its clock fields as of then; the next frame brings
     * them up to date).
     */
    subscriptionJson(code: string, index: number, tick: number): string {
      const feed = feedOf(code, index, tick)
      let ack = acks.get(code)
      if (ack?.seq !== feed.seq || tick - ack.tick >= ACK_TICKS) {
        ack = { seq: feed.seq, tick, json: JSON.stringify({ ok: true, data: { seq: feed.seq, snapshot: { ...feed.last, asOf: engine.clock(), lastEventAt: engine.lastEventAt } } }) }
        acks.set(code, ack)
      }
      return ack.json
    },
    /** Forgets the acks serialised {@link ACK_TICKS} or more ticks before `tick` (each tick starts with this). */
    dropAcks,
    /** The delta of region `code` since its last frame, or undefined when its figures did not change. */
    delta(code: string): KpiDelta | undefined {
      const feed = feeds.get(code)
      if (!feed) return undefined
      const now = stamp(feed.index)
      if (now === feed.stamp) return undefined
      const next = engine.snapshot(feed.index)
      feed.stamp = now
      const patch = diffSnapshot(feed.last, next)
      if (patch === undefined) return undefined
      const delta = { base: feed.seq, seq: nextSeq++, patch }
      feed.seq = delta.seq
      feed.last = next
      return delta
    },
    /** Whether the region has been quiet long enough for a heartbeat (see `beatDue`). */
    beatDue(code: string, tick: number): boolean {
      const feed = feeds.get(code)
      return !!feed && beatDue(tick - feed.sentTick, engine.clock() - feed.sentAt)
    },
    sent(code: string, tick: number): void {
      const feed = feeds.get(code)
      if (feed) {
        feed.sentTick = tick
        feed.sentAt = engine.clock()
      }
    },
    has: (code: string) => feeds.has(code),
    /** Forgets regions nobody is subscribed to any more. */
    retain(keep: (code: string) => boolean): void {
      for (const code of feeds.keys()) if (!keep(code)) feeds.delete(code)
    },
    get size() {
      return feeds.size
    },
  }
}
