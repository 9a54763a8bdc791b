import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, Goodbye, ServerToClientEvents } from '../../shared/socket-contract.ts'
import { viewerToken } from './token.ts'

/** The wall's typed socket. */
export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * Reconnects after a lost connection: 300 ms doubling, at most 2 s, each ±50 % at random. The
 * bound keeps a wall's retries at least every 2 s, so walls are back within about 2 s of a server
 * being ready; the randomisation spreads them over that time instead of in step.
 */
export const RECONNECT = { reconnectionDelay: 300, reconnectionDelayMax: 2000, randomizationFactor: 0.5 } as const

/** When the server dropped us without a goodbye: come back after 0.5 s, spread over 2.5 s. */
export const DEFAULT_GOODBYE: Goodbye = { retryAfterMs: 500, spreadMs: 2500 }

/** Delay before reconnecting after the server closed the connection: its hint, at a random point of its spread. */
export const serverDropDelay = (bye: Goodbye | null, random: () => number = Math.random): number => {
  const b = bye ?? DEFAULT_GOODBYE
  return Math.max(0, b.retryAfterMs) + random() * Math.max(0, b.spreadMs)
}

/**
 * Opens the wall's Socket.IO connection on the same origin. It reconnects by itself, also after
 * the server closed it (a restart), which Socket.IO leaves to the application: then at the time
 * the stopping server named, jittered, and from there on with the bounded backoff above.
 */
export function connectWallSocket(url?: string, random: () => number = Math.random): WallSocket {
  const token = viewerToken()
  const socket: WallSocket = io(url ?? '/', {
    auth: token ? { token } : {},
    // WebSocket first saves the polling handshake on the way to first data; polling stays the fallback.
    transports: ['websocket', 'polling'],
    ...RECONNECT,
    // Long enough for a handshake the server took during a reconnect storm to finish (one it
    // cannot take it refuses at once, and the backoff above applies).
    timeout: 15_000,
  })
  let bye: Goodbye | null = null
  socket.on('connect', () => {
    bye = null
    socket.io.reconnection(true)
  })
  // A stopping server says when to come back: its close must not set off the backoff at once.
  socket.on('bye', (b) => {
    bye = b
    socket.io.reconnection(false)
  })
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect' && !bye) return
    setTimeout(() => {
      socket.io.reconnection(true)
      if (!socket.connected) socket.connect()
    }, serverDropDelay(bye, random))
  })
  return socket
}
