/** The HTTP and socket protections (headers, limits, metrics token, socket guards) on the whole app. */
import fp from 'fastify-plugin'
import type { ViewerAuth } from '../auth/viewer-auth.ts'
import type { Metrics } from '../metrics.ts'
import type { createSecurity } from '../security/security.ts'

export interface SecurityOptions {
  security: ReturnType<typeof createSecurity>
  auth: ViewerAuth
  metrics: Metrics
}

export default fp<SecurityOptions>(
  async function security(app, { security, auth, metrics }) {
    await security.apply(app, app.io, auth, metrics)
  },
  { name: 'security', dependencies: ['sockets'] },
)
