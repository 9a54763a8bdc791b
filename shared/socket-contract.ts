/** The typed Socket.IO contract between server and wall. */
import type { Alert } from './alerts.ts'
import type { Snapshot } from './kpi-types.ts'
import type { TickerItem } from './ticker.ts'

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string }

export interface SubscribePayload {
  region: string
}

export interface ClientToServerEvents {
  /** Start receiving `kpi` and `ticker` for a region; the ack carries its snapshot. */
  subscribe: (payload: SubscribePayload, ack: (res: Ack<Snapshot>) => void) => void
  unsubscribe: (payload: SubscribePayload, ack?: (res: Ack<null>) => void) => void
}

export interface ServerToClientEvents {
  /** A changed snapshot of a subscribed region, at most once per tick. */
  kpi: (snapshot: Snapshot) => void
  /** New requests in a subscribed subtree (masked); `region` names the subscription. */
  ticker: (payload: { region: string; items: TickerItem[] }) => void
  alert: (alert: Alert) => void
  /** Every tick, to every client: proves the connection and the feed are alive. */
  heartbeat: (beat: Heartbeat) => void
}

export interface Heartbeat {
  /** Server time (ms since epoch). */
  at: number
  /** Time the last event was ingested, or null. */
  lastEventAt: number | null
  /** False while the store cannot accept events (figures may be stale). */
  storeHealthy: boolean
}

export interface InterServerEvents {
  ping: () => void
}

export interface SocketData {
  /** Region the viewer's token is bound to, or null for unrestricted. */
  scope: string | null
  regions: Set<string>
}
