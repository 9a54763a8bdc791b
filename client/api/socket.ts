import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/socket-contract.ts'
import { viewerToken } from './token.ts'

/** The wall's typed socket. */
export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** Delay before the n-th retry after the server dropped us: 1 s doubling to 30 s. */
export const serverDropDelay = (retries: number): number => Math.min(30_000, 1000 * 2 ** retries)

/**
 * Opens the wall's Socket.IO connection on the same origin. It reconnects by itself, also after
 * the server closed it (a restart), which Socket.IO leaves to the application.
 */
export function connectWallSocket(url?: string): WallSocket {
  const token = viewerToken()
  const socket: WallSocket = io(url ?? '/', {
    auth: token ? { token } : {},
    // WebSocket first saves the polling handshake on the way to first data; polling stays the fallback.
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.3,
    timeout: 5000,
  })
  let retries = 0
  socket.on('connect', () => {
    retries = 0
  })
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return
    setTimeout(() => {
      if (!socket.connected) socket.connect()
    }, serverDropDelay(retries++))
  })
  return socket
}
