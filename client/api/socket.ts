import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, Goodbye, ServerToClientEvents } from '../../shared/socket-contract.ts'
import { viewerToken } from './token.ts'

/** The wall's typed socket. */
export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * Retries after a failed or lost connection, each at a random point between `minMs` and a bound
 * (full jitter): the bound is 250 ms doubling to 2 s, or, after a stopping server's `bye`, that
 * server's spread (it names the rate at which it takes walls back); after `longAfter` failures in a
 * row (a long outage, not a restart) 5 s. Socket.IO's own backoff applies its jitter before its
 * bound, so once bound every wall retried exactly every 2 s, in step; these stay spread, so walls
 * that tried while the server was down come back spread over the bound, not at once.
 */
export const RECONNECT = { minMs: 50, baseMs: 250, maxMs: 2000, longAfter: 12, longMaxMs: 5000 } as const

/** Delay before the `attempt`-th retry (0 first); `spreadMs` is the stopping server's spread, if it said goodbye. */
export const retryDelay = (attempt: number, random: () => number = Math.random, spreadMs?: number): number => {
  const bound =
    attempt >= RECONNECT.longAfter ? RECONNECT.longMaxMs : spreadMs !== undefined ? Math.max(RECONNECT.baseMs, spreadMs) : Math.min(RECONNECT.maxMs, RECONNECT.baseMs * 2 ** attempt)
  return Math.max(RECONNECT.minMs, random() * bound)
}

/** When the server dropped us without a goodbye: come back after 0.5 s, spread over 2.5 s. */
export const DEFAULT_GOODBYE: Goodbye = { retryAfterMs: 500, spreadMs: 2500 }

/** Delay before reconnecting after the server closed the connection: its hint, at a random point of its spread. */
export const serverDropDelay = (bye: Goodbye | null, random: () => number = Math.random): number => {
  const b = bye ?? DEFAULT_GOODBYE
  return Math.max(0, b.retryAfterMs) + random() * Math.max(0, b.spreadMs)
}

/**
 * Opens the wall's Socket.IO connection on the same origin. It reconnects by itself: after the
 * server closed it (a restart) at the time the stopping server named, jittered; after a lost
 * connection or a failed attempt with the backoff above. A handshake the server refused for the
 * viewer (a bad token) is not retried.
 */
export function connectWallSocket(url?: string, random: () => number = Math.random): WallSocket {
  const token = viewerToken()
  const socket: WallSocket = io(url ?? '/', {
    auth: token ? { token } : {},
    // WebSocket first saves the polling handshake on the way to first data; polling stays the fallback.
    transports: ['websocket', 'polling'],
    // Retries are scheduled below, not by Socket.IO.
    reconnection: false,
    // Long enough for a handshake the server took during a reconnect storm to finish (one it
    // cannot take it refuses at once, and the backoff above applies).
    timeout: 15_000,
  })
  let bye: Goodbye | null = null
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  // After the server closed the connection the socket is inactive and is opened again (`force`);
  // otherwise `active` is false only once the app closed it or the server refused the viewer.
  const retry = (delay: number, force = false) => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      if ((force || socket.active) && !socket.connected) socket.connect()
    }, delay)
  }
  socket.on('connect', () => {
    bye = null
    attempt = 0
  })
  // A stopping server says when to come back.
  socket.on('bye', (b) => {
    bye = b
  })
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') {
      if (timer) clearTimeout(timer)
      return
    }
    // The server closed it (a restart): its hint, or the default spread when it said nothing.
    if (reason === 'io server disconnect' || bye) return retry(serverDropDelay(bye, random), true)
    retry(retryDelay(attempt++, random))
  })
  socket.on('connect_error', () => {
    if (socket.active) retry(retryDelay(attempt++, random, bye?.spreadMs))
  })
  return socket
}
