/** Resolves a route's `:code` for the viewer's token: the region index, or a 401/403/404 answer. */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RegionTree } from '../../shared/region-tree.ts'
import { bearer, type ViewerAuth } from '../auth/viewer-auth.ts'
import { preview } from '../security/limits.ts'

export type RegionRequest = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string } }>

/** Returns a resolver answering 401/403/404 itself and giving -1 then. */
export function regionResolver(tree: RegionTree, auth: ViewerAuth) {
  return function resolve(req: RegionRequest, reply: FastifyReply): number {
    const scope = auth.scopeFor(bearer(req.headers.authorization) ?? req.query.token)
    if (scope === undefined) {
      void reply.code(401).send({ error: 'viewer token required (Authorization: Bearer <token> or ?token=)' })
      return -1
    }
    const index = tree.indexOf(req.params.code)
    if (index < 0) {
      void reply.code(404).send({ error: `unknown region "${preview(req.params.code)}"; the pack's root is ${tree.root.code}` })
      return -1
    }
    if (!auth.allows(scope, tree.nodes[index].code)) {
      void reply.code(403).send({ error: `this token may view ${scope} and below only` })
      return -1
    }
    return index
  }
}
