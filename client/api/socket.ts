import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/socket-contract.ts'
import { viewerToken } from './token.ts'

/** The wall's typed socket. */
export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** Opens the wall's Socket.IO connection on the same origin; it reconnects by itself. */
export function connectWallSocket(url?: string): WallSocket {
  const token = viewerToken()
  return io(url ?? '/', {
    auth: token ? { token } : {},
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.3,
    timeout: 5000,
  })
}
