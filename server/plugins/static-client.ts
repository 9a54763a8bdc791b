/**
 * The built wall from `clientDir` when it exists: hashed assets cached for a year, `index.html`
 * for any other page path (the client routes), a JSON 404 for the rest.
 */
import { existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'

export interface StaticClientOptions {
  clientDir: string
}

export default fp<StaticClientOptions>(
  async function staticClient(app, { clientDir }) {
    if (!existsSync(join(clientDir, 'index.html'))) return
    await app.register(fastifyStatic, {
      root: clientDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Built assets carry a content hash in their name: a wall reloading keeps its scripts and
      // font chunks without asking again. Anything else (index.html) is revalidated every time.
      setHeaders: (res, path) => {
        const hashed = relative(clientDir, path).split(sep)[0] === 'assets'
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
    app.setNotFoundHandler((req, reply) => {
      if ((req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(req.url.split('?')[0])) {
        return reply.type('text/html').sendFile('index.html')
      }
      return reply.code(404).send({ error: `not found: ${req.method} ${req.url.split('?')[0]}` })
    })
  },
  { name: 'static-client' },
)
