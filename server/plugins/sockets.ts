/** The Socket.IO server on the app's HTTP server (handlers: the push plugin), closed with the app. */
import fp from 'fastify-plugin'
import { Server } from 'socket.io'
import type { YiwangServer } from '../push/socket-server.ts'
import type { createSecurity } from '../security/security.ts'

declare module 'fastify' {
  interface FastifyInstance {
    io: YiwangServer
  }
}

export interface SocketsOptions {
  /** Admits or refuses a handshake (the security's). */
  allowRequest: ReturnType<typeof createSecurity>['allowRequest']
  /** Extra Socket.IO setup (e.g. the Redis adapter). */
  configureIo?: (io: YiwangServer) => void | Promise<void>
}

export default fp<SocketsOptions>(
  async function sockets(app, { allowRequest, configureIo }) {
    const io: YiwangServer = new Server(app.server, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000, allowRequest })
    await configureIo?.(io)
    app.decorate('io', io)
    app.addHook('onClose', async () => {
      await new Promise<void>((r) => io.close(() => r()))
    })
  },
  { name: 'sockets' },
)
