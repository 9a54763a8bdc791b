/** The OpenAPI 3 document of the HTTP API, made from the routes' TypeBox schemas, at `GET /api/v1/openapi.json`. */
import swagger from '@fastify/swagger'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { ErrorBody, SHARED_SCHEMAS } from '../../shared/api-schemas.ts'

export const OPENAPI_PATH = '/api/v1/openapi.json'

/** Answers of routes documented by schema but sent with JSON.stringify, as before the schemas: no field is dropped by a schema lagging a type. */
export const plainJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) }

/** Viewer routes: Bearer viewer token, or none where anonymous viewing is allowed. */
export const viewerSecurity: { [name: string]: string[] }[] = [{ viewerToken: [] }, {}]

/** `:code` of the region routes. */
export const RegionParams = Type.Object({ code: Type.String({ description: 'region code (2–15 digits; 6-digit forms of a province or city are aliases)' }) })
/** `?token=` as a wall's page URL carries it (redacted from logs). */
export const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ description: 'viewer token (prefer the Authorization header)' })) })

const ref = (id: string) => Type.Ref(id)
/** Error answers of viewer routes. */
export const viewerErrors = { 401: ref('Error'), 403: ref('Error'), 404: ref('Error'), 429: ref('Error'), 503: ref('Error') }

/**
 * JSON Schema tuples (`items: [a, b]`, `additionalItems`) as OpenAPI 3.0 has them: one item schema
 * (an `anyOf` when the positions differ) with the length fixed by minItems/maxItems.
 */
export function openApiTuples<T>(node: T): T {
  if (Array.isArray(node)) return node.map(openApiTuples) as T
  if (!node || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) out[k] = openApiTuples(v)
  if (Array.isArray(out.items)) {
    const items = out.items as unknown[]
    const distinct = [...new Map(items.map((i) => [JSON.stringify(i), i])).values()]
    out.items = distinct.length === 1 ? distinct[0] : { anyOf: distinct }
    delete out.additionalItems
  }
  return out as T
}

declare module 'fastify' {
  interface FastifyInstance {
    /** `METHOD /path` of every route registered after the document, but hidden ones and automatic HEADs. */
    apiRoutes: string[]
  }
}

/** Adds the shared schemas, registers @fastify/swagger and serves the document; call before the routes. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const routes: string[] = []
  app.decorate('apiRoutes', routes)
  app.addHook('onRoute', (r) => {
    if ((r.schema as { hide?: boolean } | undefined)?.hide) return
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`)
  })
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Yiwang 一网 API',
        version: '1.0.0',
        description:
          'Ingest contract v1 and the wall reads. Socket.IO on the same port: see docs/api.md (events, payloads, acks; payload schemas are in components: Snapshot, TickerItem, Alert, Heartbeat).',
      },
      components: {
        securitySchemes: {
          ingestToken: { type: 'http', scheme: 'bearer', description: 'INGEST_TOKEN' },
          viewerToken: { type: 'http', scheme: 'bearer', description: 'a token of VIEW_TOKENS' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transformObject: (doc) => openApiTuples('openapiObject' in doc ? doc.openapiObject : doc.swaggerObject),
  })
  app.get(
    OPENAPI_PATH,
    { schema: { summary: 'This OpenAPI document', tags: ['meta'], response: { 200: Type.Object({}, { additionalProperties: true }) } }, ...plainJson },
    async () => app.swagger(),
  )
}

export { ErrorBody }
