/** Who a request comes from, for limits: its viewer token (hashed) when it has one, else its IP. */
import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { bearer } from '../auth/viewer-auth.ts'

/** The token a request presents: `Authorization: Bearer …` or the page URL's `?token=`. */
export function presentedToken(req: FastifyRequest): string | undefined {
  const header = bearer(req.headers.authorization)
  if (header) return header
  const q = (req.query as { token?: unknown } | undefined)?.token
  return typeof q === 'string' && q ? q : undefined
}

/** A rate-limit key: `t:` + a hash of the token, or `ip:` + the client IP. */
export function clientKey(req: FastifyRequest): string {
  const token = presentedToken(req)
  return token ? `t:${createHash('sha256').update(token).digest('base64url').slice(0, 16)}` : `ip:${req.ip}`
}
