/** Security headers on every response (helmet) and the CSP violation reports the wall's browsers send. */
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import { Counter, type Registry } from 'prom-client'

export const CSP_REPORT_PATH = '/api/v1/csp-report'

/** The Content-Security-Policy of the wall and the briefing: no inline or foreign script, no framing elsewhere. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  reportUri: [CSP_REPORT_PATH],
  // Walls are often served over plain HTTP on an intranet: upgrading would break them.
  upgradeInsecureRequests: null,
}

/** Registers helmet and `POST /api/v1/csp-report`, counting reports in `yiwang_csp_violations_total`. */
export async function registerHeaders(app: FastifyInstance, registry: Registry): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS belongs to the TLS-terminating proxy: the server itself speaks plain HTTP.
    strictTransportSecurity: false,
  })
  const violations = new Counter({
    name: 'yiwang_csp_violations_total',
    help: 'Content-Security-Policy violations reported by browsers',
    labelNames: ['directive'] as const,
    registers: [registry],
  })
  for (const type of ['application/csp-report', 'application/reports+json']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string))
      } catch {
        done(Object.assign(new Error('report is not valid JSON'), { statusCode: 400 }), undefined)
      }
    })
  }
  app.post(CSP_REPORT_PATH, { bodyLimit: 16 * 1024, schema: { summary: 'CSP violation reports from browsers (report-uri)', tags: ['meta'], response: { 204: { type: 'null', description: 'counted' } } } }, async (req, reply) => {
    const reports = Array.isArray(req.body) ? req.body : [req.body]
    for (const r of reports.slice(0, 20)) {
      const body = (r as { 'csp-report'?: Record<string, unknown>; body?: Record<string, unknown> })?.['csp-report'] ?? (r as { body?: Record<string, unknown> })?.body
      if (!body || typeof body !== 'object') continue
      const directive = String(body['effective-directive'] ?? body.effectiveDirective ?? body['violated-directive'] ?? 'unknown').slice(0, 40)
      violations.inc({ directive: /^[a-z-]+$/.test(directive) ? directive : 'unknown' })
      req.log.warn({ directive, blocked: String(body['blocked-uri'] ?? body.blockedURL ?? '').slice(0, 120) }, 'CSP violation')
    }
    return reply.code(204).send()
  })
}
