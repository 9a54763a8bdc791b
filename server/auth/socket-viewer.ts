/** The Socket.IO handshake's viewer check: a token's scope on the socket, or the connection refused. */
import type { Socket } from 'socket.io'
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/socket-contract.ts'
import type { ViewerAuth } from './viewer-auth.ts'

type ViewerSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

/** Middleware for `io.use`: sets `socket.data.scope` from the handshake's token (none where anonymous viewing is allowed). */
export function viewerMiddleware(auth: ViewerAuth) {
  return (socket: ViewerSocket, next: (err?: Error) => void): void => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined
    const scope = auth.scopeFor(token)
    if (scope === undefined) return next(new Error(token ? 'invalid viewer token' : 'viewer token required'))
    socket.data.scope = scope
    next()
  }
}
