/**
 * Push to the walls: the sockets' handlers (after the security's guards) and the push tick. On
 * close, walls are told when to come back and disconnected before HTTP stops (an open WebSocket
 * would otherwise keep the HTTP server from closing).
 */
import fp from 'fastify-plugin'
import type { RegionTree } from '../../shared/region-tree.ts'
import { acknowledge } from '../alerts/acks.ts'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import type { Metrics } from '../metrics.ts'
import type { Pusher } from '../push/pusher.ts'
import { attachSockets, createPusher } from '../push/socket-server.ts'
import type { createSecurity } from '../security/security.ts'
import type { EventStore } from '../store/event-store.ts'

declare module 'fastify' {
  interface FastifyInstance {
    pusher: Pusher
  }
}

export interface PushOptions {
  engine: Engine
  store: EventStore
  tree: RegionTree
  clock: () => number
  auth: ViewerAuth
  metrics: Metrics
  /** Why a socket may not subscribe to a region (the security's limits). */
  subscribeRefusal: ReturnType<typeof createSecurity>['subscribeRefusal']
  tickMs: number
}

export default fp<PushOptions>(
  async function push(app, { engine, store, tree, clock, auth, metrics, subscribeRefusal, tickMs }) {
    const io = app.io
    const pusher = createPusher(io, { engine, metrics, storeHealthy: () => store.healthy })
    attachSockets(io, {
      engine,
      auth,
      metrics,
      pusher,
      subscribeRefusal,
      acknowledge: (id, scope) => acknowledge({ store, tree, recent: engine.recentAlerts, clock }, id, scope),
    })
    app.decorate('pusher', pusher)

    const timer = setInterval(() => pusher.tick(), tickMs)
    timer.unref()
    app.addHook('preClose', async () => {
      clearInterval(timer)
      pusher.goodbye()
      io.disconnectSockets(true)
      io.engine.close()
    })
  },
  { name: 'push', dependencies: ['sockets', 'security'] },
)
