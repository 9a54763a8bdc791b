/** Socket.IO: authentication and subscriptions per region (the tick that pushes is pusher.ts). */
import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/socket-contract.ts'
import { viewerMiddleware } from '../auth/socket-viewer.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import type { Metrics } from '../metrics.ts'
import { admitHandshakes } from './admission.ts'
import { ROOM, type Pusher } from './pusher.ts'

export type YiwangServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
type YiwangSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

export interface PushDeps {
  engine: Engine
  auth: ViewerAuth
  metrics: Metrics
  pusher: Pusher
  /** Acknowledges an alert for a viewer of `scope` (server/alerts/acks.ts). */
  acknowledge?: (id: unknown, scope: string | null) => Promise<{ ok: true } | { ok: false; error: string }>
}

/** Wires authentication and subscribe/unsubscribe handlers. */
export function attachSockets(io: YiwangServer, { engine, auth, metrics, pusher, acknowledge }: PushDeps): void {
  const tree = engine.tree
  admitHandshakes(io, { shed: pusher.push.shed })
  io.use(viewerMiddleware(auth))
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
      // The ack holds the snapshot the region's walls hold; the next frame patches it.
      void socket.join(ROOM + canonical)
      ack({ ok: true, data: pusher.feeds.subscription(canonical, index, pusher.tickNo) })
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
    socket.on('ackAlert', (payload, ack) => {
      if (!acknowledge) return typeof ack === 'function' && ack({ ok: false, error: 'acknowledgements are not enabled' })
      void acknowledge(payload?.id, socket.data.scope).then((r) => {
        if (typeof ack === 'function') ack(r.ok ? { ok: true, data: null } : r)
      })
    })
  })
}

export { createPusher, type Pusher } from './pusher.ts'
