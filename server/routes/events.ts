/** `POST /api/v1/events`: ingest contract v1. */
import type { FastifyInstance } from 'fastify'
import { EVENT_TYPES, EventSchemas, IngestResponse } from '../../shared/events.ts'
import { Type } from '@sinclair/typebox'
import { bearer, tokenMatches } from '../auth/viewer-auth.ts'
import { ingestBatch, type IngestDeps } from '../ingest/ingest-batch.ts'
import { ndjsonItems } from '../ingest/ndjson-items.ts'
import { bodyItems } from '../ingest/validate-events.ts'

export interface EventsRouteOptions extends IngestDeps {
  ingestToken: string
  maxBatch: number
  maxInflight: number
  onIngested: (at: number) => void
}

/** A JSON body with the text it was parsed from. */
class JsonBody {
  constructor(
    readonly text: string,
    readonly value: unknown,
  ) {}
}

const ErrorBody = { type: 'object', properties: { error: { type: 'string' } } } as const
const IngestBody = Type.Array(Type.Union(EVENT_TYPES.map((t) => EventSchemas[t])), { description: 'or NDJSON (application/x-ndjson), one event per line; gzip or deflate Content-Encoding accepted' })

export async function eventsRoutes(app: FastifyInstance, opts: EventsRouteOptions): Promise<void> {
  let inflight = 0
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  // Plain JSON.parse for the hot path: events are checked field by field (unknown keys such as
  // __proto__ are rejected), so the prototype-poisoning scan of the default parser buys nothing here.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(body as string)
    } catch (err) {
      return done(Object.assign(new Error(`body is not valid JSON: ${(err as Error).message}`), { statusCode: 400 }), undefined)
    }
    // A JSON body is an array; anything else (a string would pass for NDJSON) is refused whole.
    if (!Array.isArray(parsed)) return done(Object.assign(new Error('body must be a JSON array of events or NDJSON (one event per line)'), { statusCode: 400 }), undefined)
    // The text is kept beside the value: the store writes the accepted batch as received.
    done(null, new JsonBody(body as string, parsed))
  })
  app.post(
    '/api/v1/events',
    {
      schema: {
        summary: 'Ingest contract v1: a JSON array of events or NDJSON; each event is checked on its own',
        tags: ['ingest'],
        security: [{ ingestToken: [] }],
        body: IngestBody,
        response: { 200: IngestResponse, 400: ErrorBody, 401: ErrorBody, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
      // The body schema documents; events are validated one by one, so one bad event never refuses the batch.
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      const fail = (status: 400 | 401 | 413 | 429 | 503, error: string) => {
        opts.metrics.badRequests.inc({ status: String(status) })
        return reply.code(status).send({ error })
      }
      if (!tokenMatches(bearer(req.headers.authorization), opts.ingestToken)) {
        return fail(401, 'missing or wrong ingest token (Authorization: Bearer <token>)')
      }
      if (!opts.store.healthy) {
        reply.header('Retry-After', '5')
        return fail(503, 'store unavailable; nothing was stored, retry later')
      }
      if (inflight >= opts.maxInflight) {
        reply.header('Retry-After', '1')
        return fail(429, 'too many ingest requests in flight; nothing was stored, retry later')
      }
      const text = req.body instanceof JsonBody ? req.body.text : typeof req.body === 'string' ? req.body : null
      // Parsing an NDJSON body takes turns of the event loop: it counts as in flight.
      inflight++
      try {
        const parsed = typeof req.body === 'string' ? await ndjsonItems(req.body, opts.maxBatch) : bodyItems(req.body instanceof JsonBody ? req.body.value : req.body)
        if ('error' in parsed) return fail(400, parsed.error)
        const count = 'count' in parsed ? parsed.count : parsed.items.length
        if ('count' in parsed || count > opts.maxBatch) return fail(413, `batch of ${count} events exceeds the limit of ${opts.maxBatch}; split it`)
        try {
          const result = await ingestBatch(parsed.items, parsed.lineErrors, opts, text)
          opts.onIngested(Date.now())
          return result
        } catch (err) {
          req.log.warn({ err }, 'store append failed')
          reply.header('Retry-After', '5')
          return fail(503, `store unavailable (${(err as Error).message}); nothing was acknowledged, retry later`)
        }
      } finally {
        inflight--
      }
    },
  )
}
