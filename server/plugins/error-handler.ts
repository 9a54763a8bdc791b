/** Errors as `{ error }`: the client's own (4xx) with their message, anything else logged and worded "internal error". */
import fp from 'fastify-plugin'

export default fp(
  async function errorHandler(app) {
    app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
      if (status >= 500) req.log.error(err)
      return reply.code(status).send({ error: status === 500 ? 'internal error' : err.message })
    })
  },
  { name: 'error-handler' },
)
