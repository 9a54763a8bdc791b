/** The typed Socket.IO contract between server and wall. */
import type { Alert } from './alerts.ts'
import type { Patch } from './json-patch.ts'
import type { Snapshot } from './kpi-types.ts'
import type { TickerItem } from './ticker.ts'

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string }

export interface SubscribePayload {
  region: string
}

/** What a subscribe is acknowledged with: the region's full snapshot and its version. */
export interface Subscription {
  /** Version of `snapshot`: the next `kpi` delta of the region has this as its `base`. */
  seq: number
  snapshot: Snapshot
}

/** A key-level patch of a region's snapshot from version `base` to version `seq`. */
export interface KpiDelta {
  base: number
  seq: number
  /** `applyPatch(snapshot at base, patch)` is the snapshot at `seq` (see json-patch.ts). */
  patch: Patch
}

/** Liveness: the connection and the feed are alive. */
export interface Heartbeat {
  /** Server time (ms since epoch). */
  at: number
  /** Time the last event was ingested, or null. */
  lastEventAt: number | null
  /** False while the store cannot accept events (figures may be stale). */
  storeHealthy: boolean
}

/**
 * The one message a subscription gets per tick at most: the snapshot's delta and new ticker
 * items when there are any, and liveness always (a frame with neither is a bare heartbeat, sent
 * when a region had nothing else for {@link BEAT_TICKS} ticks).
 */
export interface Frame extends Heartbeat {
  /** The subscribed region. */
  region: string
  kpi?: KpiDelta
  /** New requests in the region's subtree (masked), oldest first. */
  ticker?: TickerItem[]
}

/** A subscription that got nothing for this many ticks gets a bare heartbeat frame (ticks under 1 s count as 1 s). */
export const BEAT_TICKS = 2

/** Whether a region quiet for `ticks` ticks and `ms` milliseconds is due a heartbeat (5 % slack for timer jitter). */
export const beatDue = (ticks: number, ms: number): boolean => ticks >= BEAT_TICKS && ms >= BEAT_TICKS * 1000 * 0.95

/** Sent by a server that is stopping, just before it closes the connection. */
export interface Goodbye {
  /** Wait at least this long before reconnecting. */
  retryAfterMs: number
  /** Then spread the reconnect uniformly over this many ms. */
  spreadMs: number
}

export interface ClientToServerEvents {
  /** Start receiving frames for a region; the ack carries its snapshot and version. */
  subscribe: (payload: SubscribePayload, ack: (res: Ack<Subscription>) => void) => void
  unsubscribe: (payload: SubscribePayload, ack?: (res: Ack<null>) => void) => void
  /** Acknowledges (确认) a recent alert inside the viewer's scope: it leaves every wall, then and after restarts. */
  ackAlert: (payload: { id: string }, ack: (res: Ack<null>) => void) => void
}

export interface ServerToClientEvents {
  /** A subscribed region's tick: at most one per subscription per tick. */
  frame: (frame: Frame) => void
  alert: (alert: Alert) => void
  /** The server is stopping: when to come back. */
  bye: (bye: Goodbye) => void
}

export interface InterServerEvents {
  ping: () => void
}

export interface SocketData {
  /** Region the viewer's token is bound to, or null for unrestricted. */
  scope: string | null
}
