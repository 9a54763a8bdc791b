/** The server's protections in one place: headers, limits, log redaction, metrics access, socket admission. */
import type { FastifyInstance } from 'fastify'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Config } from '../config.ts'
import type { Metrics } from '../metrics.ts'
import type { YiwangServer } from '../push/socket-server.ts'
import { createAuthFailures } from './auth-failures.ts'
import { registerHeaders } from './headers.ts'
import { registerLimits } from './limits.ts'
import { guardMetrics } from './metrics-guard.ts'
import { createSocketGuard } from './socket-guard.ts'

export { withRedaction } from './log-redaction.ts'

export type SecurityConfig = Pick<
  Config,
  'allowedOrigins' | 'maxSocketsPerIp' | 'maxSubscriptions' | 'trustProxy' | 'rateLimitMax' | 'authFailuresMax' | 'eventLoopMaxMs' | 'metricsToken'
>

/** Creates the protections; `allowRequest` goes into the Socket.IO options, the rest is applied by `apply`. */
export function createSecurity(config: SecurityConfig, clock: () => number = Date.now) {
  const failures = createAuthFailures({ max: config.authFailuresMax, clock })
  const sockets = createSocketGuard(config)
  return {
    failures,
    allowRequest: sockets.allowRequest,
    subscribeRefusal: sockets.subscribeRefusal,
    /** Adds the hooks and plugins to `app` (before the routes) and the socket guards to `io` (before the viewer check). */
    async apply(app: FastifyInstance, io: YiwangServer, auth: ViewerAuth, metrics: Metrics): Promise<void> {
      await registerHeaders(app, metrics.registry)
      guardMetrics(app, config.metricsToken)
      await registerLimits(app, { rateLimitMax: config.rateLimitMax, failures, eventLoopMaxMs: config.eventLoopMaxMs })
      sockets.attach(io, auth, failures)
    },
  }
}
