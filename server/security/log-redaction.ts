/** Logger options that never write a token: `?token=` in URLs and credential headers are redacted. */
import type { FastifyRequest } from 'fastify'

const TOKEN_PARAM = /([?&](?:token|access_token|auth)=)[^&#]*/gi

/** The URL with the values of its token parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(TOKEN_PARAM, '$1[redacted]')
}

/** Fastify logger options (`true`, or pino options) with token redaction added; `false` stays off. */
export function withRedaction(logger: boolean | object): boolean | object {
  if (logger === false) return false
  const base = logger === true ? {} : logger
  return {
    ...base,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  }
}
