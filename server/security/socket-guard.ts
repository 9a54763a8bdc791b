/** Socket.IO admission: same-origin or allowed origins only, connections per IP, lockout after failed tokens, subscriptions per socket. */
import type { IncomingMessage } from 'node:http'
import type { ServerOptions } from 'socket.io'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { ROOM } from '../push/pusher.ts'
import type { AuthFailures } from './auth-failures.ts'

export interface SocketGuardOptions {
  /** Origins besides the server's own whose pages may connect. */
  allowedOrigins: string[]
  maxSocketsPerIp: number
  maxSubscriptions: number
  /** Take the client IP from X-Forwarded-For. */
  trustProxy: boolean
}

/** Longest region code a client may send (a 15-digit grid code, or its 6-digit alias). */
const MAX_REGION_LENGTH = 15

/** The client IP of a handshake. */
export function handshakeIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : ''
  return first || req.socket.remoteAddress || 'unknown'
}

/** Whether a browser `Origin` may open a socket: none (not a browser), the server's own host, or an allowed one. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true
  if (allowed.includes(origin)) return true
  try {
    const url = new URL(origin)
    return /^https?:$/.test(url.protocol) && url.host === host
  } catch {
    return false
  }
}

/** The `allowRequest` option of the Socket.IO server, and the wiring of the rest once it exists. */
export function createSocketGuard(opts: SocketGuardOptions) {
  const open = new Map<string, number>()
  const allowRequest: NonNullable<ServerOptions['allowRequest']> = (req, callback) => {
    if (!originAllowed(req.headers.origin, req.headers.host, opts.allowedOrigins)) return callback('origin not allowed', false)
    const ip = handshakeIp(req, opts.trustProxy)
    if ((open.get(ip) ?? 0) >= opts.maxSocketsPerIp) return callback('too many connections from this address', false)
    callback(null, true)
  }
  return {
    allowRequest,
    /** Why a socket may not subscribe to `region` (a code too long, too many regions), or null. */
    subscribeRefusal(socket: { rooms: Set<string> }, region: unknown): string | null {
      if (typeof region !== 'string') return null
      if (region.length > MAX_REGION_LENGTH) return `region code too long ("${region.slice(0, 8)}…", at most ${MAX_REGION_LENGTH} digits)`
      // A socket's rooms are its own id and one per region it watches.
      if (socket.rooms.size - 1 >= opts.maxSubscriptions && !socket.rooms.has(ROOM + region)) return `at most ${opts.maxSubscriptions} regions per connection; unsubscribe one first`
      return null
    },
    /** Counts connections, refuses locked-out IPs and counts refused tokens. */
    attach(io: YiwangServer, auth: ViewerAuth, failures: AuthFailures): void {
      // One close handler for every connection (the connection is `this`; it closes once).
      function closed(this: { request: IncomingMessage }) {
        const ip = handshakeIp(this.request, opts.trustProxy)
        const n = (open.get(ip) ?? 1) - 1
        if (n > 0) open.set(ip, n)
        else open.delete(ip)
      }
      io.engine.on('connection', (raw: { request: IncomingMessage; on(e: 'close', f: typeof closed): void }) => {
        const ip = handshakeIp(raw.request, opts.trustProxy)
        open.set(ip, (open.get(ip) ?? 0) + 1)
        raw.on('close', closed)
      })
      io.use((socket, next) => {
        const ip = handshakeIp(socket.request, opts.trustProxy)
        const wait = failures.lockedFor(ip)
        if (wait) return next(new Error(`too many failed token checks from this address; retry in ${wait} s`))
        const token = socket.handshake.auth?.token
        if (typeof token === 'string' && token && auth.scopeFor(token) === undefined) failures.fail(ip)
        next()
      })
    },
  }
}
