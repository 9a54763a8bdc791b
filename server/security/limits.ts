/** Request limits: a rate per client, a lockout after failed tokens, 503 under event-loop pressure, short error messages. */
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { AuthFailures } from './auth-failures.ts'
import { clientKey, presentedToken } from './client-key.ts'
import { startEventLoopGuard, type EventLoopGuard } from './event-loop-guard.ts'

export interface LimitsOptions {
  /** Requests a minute per client on limited routes. */
  rateLimitMax: number
  failures: AuthFailures
  /** Event-loop delay (ms) over which requests get 503. */
  eventLoopMaxMs: number
}

/** Routes outside the request rate: ingest has its own in-flight limit, probes must always answer. */
const UNLIMITED = new Set(['POST /api/v1/events', 'POST /api/v1/csp-report', 'GET /healthz', 'GET /readyz', 'HEAD /healthz', 'HEAD /readyz'])

/** Probes answer even an address that is locked out. */
const PROBES = new Set(['GET /healthz', 'GET /readyz', 'HEAD /healthz', 'HEAD /readyz', 'POST /api/v1/csp-report'])

/** Longest error message sent back: input quoted in one never runs longer than a short prefix. */
export const MAX_ERROR_LENGTH = 240

/** `text` cut to its first `max` characters (code points), an ellipsis added when cut. */
export function preview(text: string, max = 24): string {
  if (text.length <= max) return text
  const chars = [...text.slice(0, max * 2)]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}

const tooMany = (message: string) => Object.assign(new Error(message), { statusCode: 429 })

export async function registerLimits(app: FastifyInstance, opts: LimitsOptions): Promise<void> {
  // Measured from when the app is ready: start-up's own synchronous work is not a delay requests wait behind.
  let loop: EventLoopGuard | null = null
  app.addHook('onReady', async () => {
    loop = startEventLoopGuard()
  })
  app.addHook('onClose', async () => loop?.stop())
  app.addHook('onRequest', async (_req, reply) => {
    if (loop && loop.delayMs() > opts.eventLoopMaxMs) {
      return reply.code(503).header('Retry-After', '10').send({ error: 'server overloaded (event loop delayed); nothing was done, retry later' })
    }
  })

  // Failed token checks: counted per IP on every 401, refused with 429 past the limit.
  app.addHook('onRequest', async (req, reply) => {
    const wait = opts.failures.lockedFor(req.ip)
    if (wait && !PROBES.has(`${req.method} ${req.url.split('?')[0]}`) && (req.url.startsWith('/api/') || req.url.startsWith('/metrics') || presentedToken(req))) {
      return reply.code(429).header('Retry-After', String(wait)).send({ error: `too many failed token checks from this address; retry in ${wait} s` })
    }
  })
  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode === 401) opts.failures.fail(req.ip)
  })

  await app.register(rateLimit, {
    global: true,
    max: opts.rateLimitMax,
    timeWindow: 60_000,
    keyGenerator: clientKey,
    // Pages and hashed assets are cached by the browser; the API and metrics are what a scraper repeats.
    allowList: (req) => !(req.url.startsWith('/api/') || req.url.startsWith('/metrics')) || UNLIMITED.has(`${req.method} ${req.url.split('?')[0]}`),
    errorResponseBuilder: (_req, ctx) => tooMany(`too many requests: at most ${ctx.max} a minute; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
  })

  // Whatever a handler or plugin put in an error message, only a short prefix of it goes back.
  app.addHook('preSerialization', async (_req, _reply, payload: unknown) => {
    if (payload && typeof payload === 'object') {
      const p = payload as { error?: unknown; rejected?: { error: string }[] }
      if (typeof p.error === 'string' && p.error.length > MAX_ERROR_LENGTH) p.error = preview(p.error, MAX_ERROR_LENGTH - 1)
      if (Array.isArray(p.rejected)) for (const r of p.rejected) if (r.error.length > MAX_ERROR_LENGTH) r.error = preview(r.error, MAX_ERROR_LENGTH - 1)
    }
    return payload
  })
}
