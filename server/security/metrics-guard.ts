/** `GET /metrics` only with `METRICS_TOKEN` when set, else only for loopback clients. */
import type { FastifyInstance } from 'fastify'
import { bearer, tokenMatches } from '../auth/viewer-auth.ts'

const LOOPBACK_IP = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

export function guardMetrics(app: FastifyInstance, metricsToken: string | null): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.split('?')[0] !== '/metrics') return
    if (metricsToken) {
      if (!tokenMatches(bearer(req.headers.authorization), metricsToken)) {
        return reply.code(401).send({ error: 'metrics token required (Authorization: Bearer <METRICS_TOKEN>)' })
      }
    } else if (!LOOPBACK_IP.test(req.ip)) {
      return reply.code(403).send({ error: 'metrics are served to loopback clients only unless METRICS_TOKEN is set' })
    }
  })
}
