/** Socket.IO: authentication and subscriptions per region (the tick that pushes is pusher.ts). */
import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/socket-contract.ts'
import { viewerMiddleware } from '../auth/socket-viewer.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import type { Metrics } from '../metrics.ts'
import { admitHandshakes } from './admission.ts'
import { EncodedAck, encodeAcksOnce } from './encoded-ack.ts'
import { ROOM, type Pusher } from './pusher.ts'

export type YiwangServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
type YiwangSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

export interface PushDeps {
  engine: Engine
  auth: ViewerAuth
  metrics: Metrics
  pusher: Pusher
  /** Why a socket may not subscribe to a region (limits), or null. */
  subscribeRefusal?: (socket: YiwangSocket, region: unknown) => string | null
  /** Acknowledges an alert for a viewer of `scope` (server/alerts/acks.ts). */
  acknowledge?: (id: unknown, scope: string | null) => Promise<{ ok: true } | { ok: false; error: string }>
}

/** Wires authentication and subscribe/unsubscribe handlers. */
export function attachSockets(io: YiwangServer, { engine, auth, metrics, pusher, acknowledge, subscribeRefusal }: PushDeps): void {
  const tree = engine.tree
  admitHandshakes(io, { shed: pusher.push.shed })
  encodeAcksOnce(io)
  io.use(viewerMiddleware(auth))
  // One set of handlers shared by every socket (the socket is `this`): 10,000 walls hold no closures.
  metrics.countSockets(() => io.of('/').sockets.size)
  function subscribe(this: YiwangSocket, payload: { region?: unknown } | undefined, ack: unknown) {
    if (typeof ack !== 'function') return
    const refused = subscribeRefusal?.(this, payload?.region)
    if (refused) return ack({ ok: false, error: refused })
    const code = typeof payload?.region === 'string' ? payload.region : ''
    const index = tree.indexOf(code)
    if (index < 0) return ack({ ok: false, error: `unknown region "${code}"` })
    const canonical = tree.nodes[index].code
    if (!auth.allows(this.data.scope, canonical)) return ack({ ok: false, error: `not allowed to view ${canonical}` })
    // The ack holds the snapshot the region's walls hold, serialised once for many walls; the next frame patches it.
    void this.join(ROOM + canonical)
    ack(new EncodedAck(pusher.feeds.subscriptionJson(canonical, index, pusher.tickNo)))
  }
  function unsubscribe(this: YiwangSocket, payload: { region?: unknown } | undefined, ack: unknown) {
    const index = tree.indexOf(typeof payload?.region === 'string' ? payload.region : '')
    if (index >= 0) void this.leave(ROOM + tree.nodes[index].code)
    if (typeof ack === 'function') ack({ ok: true, data: null })
  }
  function ackAlert(this: YiwangSocket, payload: { id?: unknown } | undefined, ack: unknown) {
    const reply = (r: unknown) => typeof ack === 'function' && ack(r)
    if (!acknowledge) return reply({ ok: false, error: 'acknowledgements are not enabled' })
    void acknowledge(payload?.id, this.data.scope).then((r) => reply(r.ok ? { ok: true, data: null } : r))
  }
  io.on('connection', (socket: YiwangSocket) => {
    socket.on('subscribe', subscribe)
    socket.on('unsubscribe', unsubscribe)
    socket.on('ackAlert', ackAlert)
  })
}

export { createPusher, type Pusher } from './pusher.ts'
