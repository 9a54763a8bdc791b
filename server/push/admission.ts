/**
 * Sheds connections gracefully: at most `maxPending` handshakes in progress (admitted, not yet
 * connected). Beyond that a new handshake is refused at once (HTTP 403 before any work), and the
 * wall retries after its jittered backoff; the server keeps completing the ones it took instead
 * of starting thousands that time out half-way (a reconnect storm after a restart).
 */
import type { Counter } from 'prom-client'
import type { YiwangServer } from './socket-server.ts'

/** Options of {@link admitHandshakes}. */
export interface AdmissionOptions {
  /** Handshakes in progress at most. @default 1000 */
  maxPending?: number
  /** A handshake not connected after this long no longer counts. @default 10 s */
  staleMs?: number
  /** Counts the handshakes refused. */
  shed?: Counter
  now?: () => number
}

/** Wraps the engine's `allowRequest` (an existing one still decides after admission). */
export function admitHandshakes(io: YiwangServer, { maxPending = 1000, staleMs = 10_000, shed, now = Date.now }: AdmissionOptions = {}): void {
  const opts = io.engine.opts
  const inner = opts.allowRequest
  // Admission times, oldest first; a connection completes the oldest (the count is what matters).
  const pending: number[] = []
  const expire = () => {
    const t = now()
    while (pending.length && t - pending[0] > staleMs) pending.shift()
  }
  opts.allowRequest = (req, done) => {
    expire()
    if (pending.length >= maxPending) {
      shed?.inc()
      return done('server busy', false)
    }
    pending.push(now())
    if (!inner) return done(null, true)
    inner(req, (err, ok) => {
      if (!ok) pending.pop()
      done(err, ok)
    })
  }
  io.on('connection', () => {
    pending.shift()
  })
}
