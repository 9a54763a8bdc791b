/** Socket.IO: subscriptions per region, and the tick that pushes kpi, ticker and alerts. */
import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/socket-contract.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import type { Metrics } from '../metrics.ts'

export type YiwangServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
type YiwangSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

const ROOM = 'r:'
const MAX_TICKER_PER_PUSH = 30

export interface PushDeps {
  engine: Engine
  auth: ViewerAuth
  metrics: Metrics
  pusher: Pusher
}

/** Wires authentication and subscribe/unsubscribe handlers. */
export function attachSockets(io: YiwangServer, { engine, auth, metrics, pusher }: PushDeps): void {
  const tree = engine.tree
  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined
    const scope = auth.scopeFor(token)
    if (scope === undefined) return next(new Error(token ? 'invalid viewer token' : 'viewer token required'))
    socket.data.scope = scope
    socket.data.regions = new Set()
    next()
  })
  io.on('connection', (socket: YiwangSocket) => {
    metrics.sockets.inc()
    socket.on('disconnect', () => metrics.sockets.dec())
    socket.on('subscribe', (payload, ack) => {
      if (typeof ack !== 'function') return
      const code = typeof payload?.region === 'string' ? payload.region : ''
      const index = tree.indexOf(code)
      if (index < 0) return ack({ ok: false, error: `unknown region "${code}"` })
      const canonical = tree.nodes[index].code
      if (!auth.allows(socket.data.scope, canonical)) return ack({ ok: false, error: `not allowed to view ${canonical}` })
      socket.data.regions.add(canonical)
      // A new room starts from the snapshot in the ack: the next tick pushes only changes.
      if (!io.of('/').adapter.rooms.has(ROOM + canonical)) pusher.markPushed(index)
      void socket.join(ROOM + canonical)
      ack({ ok: true, data: engine.snapshot(index) })
    })
    socket.on('unsubscribe', (payload, ack) => {
      const index = tree.indexOf(typeof payload?.region === 'string' ? payload.region : '')
      if (index >= 0) {
        const code = tree.nodes[index].code
        socket.data.regions.delete(code)
        void socket.leave(ROOM + code)
      }
      if (typeof ack === 'function') ack({ ok: true, data: null })
    })
  })
}

/** One push tick: advances the engine, then emits to this process's own sockets only. */
export type Pusher = ReturnType<typeof createPusher>

export function createPusher(io: YiwangServer, { engine, metrics, storeHealthy }: Omit<PushDeps, 'auth' | 'pusher'> & { storeHealthy: () => boolean }) {
  const pushed = new Map<string, string>()
  let lastIngestAt = 0
  const stamp = (index: number) => `${engine.agg.version(index)}:${dayIndex(engine.clock())}`
  return {
    /** Records that a region's current figures are already with its subscribers. */
    markPushed(index: number): void {
      pushed.set(ROOM + engine.tree.nodes[index].code, stamp(index))
    },
    /** Notes the end of an ingest, to measure push lag. */
    ingested(at: number): void {
      if (!lastIngestAt) lastIngestAt = at
    },
    tick(): void {
      const started = performance.now()
      const tree = engine.tree
      const { alerts, ticker } = engine.tick()
      const rooms = io.of('/').adapter.rooms
      let pushedAny = false
      for (const room of rooms.keys()) {
        if (!room.startsWith(ROOM)) continue
        const index = tree.indexOf(room.slice(ROOM.length))
        if (index < 0) continue
        const now = stamp(index)
        if (pushed.get(room) === now) continue
        pushed.set(room, now)
        io.local.to(room).emit('kpi', engine.snapshot(index))
        pushedAny = true
      }
      for (const room of pushed.keys()) if (!rooms.has(room)) pushed.delete(room)
      if (pushedAny && lastIngestAt) {
        metrics.pushLag.observe((Date.now() - lastIngestAt) / 1000)
        lastIngestAt = 0
      }
      if (ticker.length) {
        const byRoom = new Map<string, TickerItem[]>()
        for (const t of ticker) {
          for (const i of engine.agg.chain(t.index)) {
            const room = ROOM + tree.nodes[i].code
            if (!rooms.has(room)) continue
            let list = byRoom.get(room)
            if (!list) byRoom.set(room, (list = []))
            list.push(t.item)
          }
        }
        for (const [room, items] of byRoom) {
          io.local.to(room).emit('ticker', { region: room.slice(ROOM.length), items: items.slice(-MAX_TICKER_PER_PUSH) })
        }
      }
      for (const a of alerts) {
        const index = tree.indexOf(a.region)
        const targets =
          a.kind === 'feedStale' || index < 0
            ? [...rooms.keys()].filter((r) => r.startsWith(ROOM))
            : [...engine.agg.chain(index)].map((i) => ROOM + tree.nodes[i].code).filter((r) => rooms.has(r))
        if (targets.length) io.local.to(targets).emit('alert', a)
      }
      io.local.emit('heartbeat', { at: engine.clock(), lastEventAt: engine.agg.lastEventAt, storeHealthy: storeHealthy() })
      metrics.tickSeconds.observe((performance.now() - started) / 1000)
    },
  }
}
