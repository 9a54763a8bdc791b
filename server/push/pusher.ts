/** The push tick: one frame per subscribed region (kpi delta, ticker, liveness), sent in slices. */
import type { Alert } from '../../shared/alerts.ts'
import type { Frame, Goodbye } from '../../shared/socket-contract.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import type { Engine } from '../engine/engine.ts'
import type { Metrics } from '../metrics.ts'
import { fanOut } from './fanout.ts'
import { createPushMetrics } from './push-metrics.ts'
import { createRoomFeeds } from './room-feeds.ts'
import { createSlicer, type Slicer } from './slicer.ts'
import type { YiwangServer } from './socket-server.ts'

/** Room name of a region's subscribers. */
export const ROOM = 'r:'
const MAX_TICKER_PER_PUSH = 30
/** Longest task a tick runs before it yields to the event loop (ingest, acks, new connections). */
export const SLICE_MS = 4

export interface PusherDeps {
  engine: Engine
  metrics: Metrics
  storeHealthy: () => boolean
  /** What a stopping server tells walls. @default {@link comeBackAfter} */
  goodbye?: Goodbye
  /** `performance.now()` when this server's start began. @default 0 (the process's start) */
  startedAt?: number
}

/**
 * When a stopping server tells its walls to come back: after about as long as this process took
 * to start (`startMs`, from its start to listening: the next one takes about as long)
 * and 1 s for the stop's last checkpoint, spread so the server takes about {@link RETURN_PER_MS}
 * walls a millisecond, over at least 1 s and at most 10 s. A wall that comes too early is refused
 * at once and retries within 1 s (client/api/socket.ts).
 */
export function comeBackAfter(startMs: number, walls: number): Goodbye {
  return { retryAfterMs: Math.round(Math.min(30_000, Math.max(500, startMs + STOP_MS))), spreadMs: Math.round(Math.min(10_000, Math.max(1000, walls / RETURN_PER_MS))) }
}
/** Walls a millisecond a server is asked to take back after a restart (4,000 a second). */
export const RETURN_PER_MS = 4
/** What the hint allows for a stop (its last checkpoint) besides the start. */
const STOP_MS = 1000

/** The push side of one process. */
export type Pusher = ReturnType<typeof createPusher>

export function createPusher(io: YiwangServer, { engine, metrics, storeHealthy, goodbye, startedAt = 0 }: PusherDeps) {
  const feeds = createRoomFeeds(engine)
  const push = createPushMetrics(metrics.registry)
  const rooms = () => io.of('/').adapter.rooms
  let tickNo = 0
  let running: Promise<void> | null = null
  let lastIngestAt = 0
  let lastHealthy = true
  // Time from the start to listening: about how long the next process will take to start.
  let startMs = 3000
  io.httpServer?.once('listening', () => (startMs = performance.now() - startedAt))

  const beat = (): Omit<Frame, 'region'> => ({ at: engine.clock(), lastEventAt: engine.lastEventAt, storeHealthy: lastHealthy })

  function routeTicker(ticker: ReturnType<Engine['tick']>['ticker']): Map<string, TickerItem[]> {
    const byRoom = new Map<string, TickerItem[]>()
    const live = rooms()
    for (const t of ticker) {
      for (const i of engine.chain(t.index)) {
        const code = engine.tree.nodes[i].code
        if (!live.has(ROOM + code)) continue
        let list = byRoom.get(code)
        if (!list) byRoom.set(code, (list = []))
        list.push(t.item)
      }
    }
    return byRoom
  }

  function sendAlerts(alerts: Alert[]): void {
    const live = rooms()
    for (const a of alerts) {
      const index = engine.tree.indexOf(a.region)
      const targets =
        a.kind === 'feedStale' || index < 0
          ? [...live.keys()].filter((r) => r.startsWith(ROOM))
          : [...engine.chain(index)].map((i) => ROOM + engine.tree.nodes[i].code).filter((r) => live.has(r))
      if (targets.length) io.local.to(targets).emit('alert', a)
    }
  }

  async function run(): Promise<void> {
    const slicer: Slicer = createSlicer(SLICE_MS)
    const tick = ++tickNo
    feeds.dropAcks(tick)
    const { alerts, ticker } = engine.tick()
    const healthy = storeHealthy()
    const healthChanged = healthy !== lastHealthy
    lastHealthy = healthy
    const byRoom = routeTicker(ticker)
    let delivered = false
    const codes = [...rooms().keys()].filter((r) => r.startsWith(ROOM)).map((r) => r.slice(ROOM.length))
    for (const code of codes) {
      if (!feeds.has(code)) continue // not a region any wall subscribed to through this process
      // A region's snapshot and diff are one task that cannot be cut: start it in a fresh slice.
      if (slicer.due()) await slicer.yield()
      const kpi = feeds.delta(code)
      const items = byRoom.get(code)
      if (!kpi && !items && !healthChanged && !feeds.beatDue(code, tick)) continue
      const frame: Frame = { region: code, ...beat() }
      if (kpi) frame.kpi = kpi
      if (items) frame.ticker = items.slice(-MAX_TICKER_PER_PUSH)
      feeds.sent(code, tick)
      const { sockets, bytes } = await fanOut(io, ROOM + code, 'frame', frame, slicer)
      push.frames.inc(sockets)
      push.bytes.inc(sockets * bytes)
      if (kpi && sockets) delivered = true
    }
    const live = rooms()
    feeds.retain((code) => live.has(ROOM + code))
    if (delivered && lastIngestAt) {
      metrics.pushLag.observe((Date.now() - lastIngestAt) / 1000)
      lastIngestAt = 0
    }
    sendAlerts(alerts)
    const work = slicer.finish()
    metrics.tickSeconds.observe(work.workMs / 1000)
    push.slices(work)
  }

  return {
    feeds,
    push,
    /** The current tick number (subscriptions are stamped with it). */
    get tickNo() {
      return tickNo
    },
    /** Notes the end of an ingest, to measure push lag. */
    ingested(at: number): void {
      if (!lastIngestAt) lastIngestAt = at
    },
    /**
     * One push tick. The engine advances at once; frames go out in slices of a few ms. A tick
     * called while the last one is still sending is skipped (the next one carries its changes).
     */
    tick(): Promise<void> {
      if (running) return running
      running = run().finally(() => {
        running = null
      })
      return running
    },
    /** Tells every wall of this process when to come back; call before closing the sockets. */
    goodbye(): void {
      io.local.emit('bye', goodbye ?? comeBackAfter(startMs, io.of('/').sockets.size))
    },
  }
}
