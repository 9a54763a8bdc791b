/**
 * Push to the walls: the sockets' handlers (after the security's guards) and the push tick. On
 * close, walls are told when to come back and disconnected before HTTP stops (an open WebSocket
 * would otherwise keep the HTTP server from closing).
 */
import fp from 'fastify-plugin'
import { acknowledge } from '../alerts/acks.ts'
import type { Pusher } from '../push/pusher.ts'
import { attachSockets, createPusher } from '../push/socket-server.ts'
import type { createSecurity } from '../security/security.ts'
import type { AppContext } from './app-context.ts'

declare module 'fastify' {
  interface FastifyInstance {
    pusher: Pusher
  }
}

export interface PushOptions extends AppContext {
  /** Why a socket may not subscribe to a region (the security's limits). */
  subscribeRefusal: ReturnType<typeof createSecurity>['subscribeRefusal']
  /** `performance.now()` when the start began: a stopping server's hint counts from it. */
  startedAt: number
}

export default fp<PushOptions>(
  async function push(app, { config, engine, store, tree, clock, auth, metrics, subscribeRefusal, startedAt }) {
    const io = app.io
    const pusher = createPusher(io, { engine, metrics, storeHealthy: () => store.healthy, startedAt })
    attachSockets(io, {
      engine,
      auth,
      metrics,
      pusher,
      subscribeRefusal,
      acknowledge: (id, scope) => acknowledge({ store, tree, recent: engine.recentAlerts, clock }, id, scope),
    })
    app.decorate('pusher', pusher)

    const timer = setInterval(() => pusher.tick(), config.tickMs)
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
