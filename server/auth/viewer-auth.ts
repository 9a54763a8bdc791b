/** Viewer access: tokens bound to a region; anonymous viewers only where allowed. */
import { timingSafeEqual } from 'node:crypto'
import type { RegionTree } from '../../shared/region-tree.ts'

/** A viewer's scope: a region code, null for unrestricted, or undefined when refused. */
export type Scope = string | null | undefined

export interface ViewerAuth {
  scopeFor(token: string | undefined): Scope
  /** Whether a viewer with `scope` may see `code`. */
  allows(scope: string | null, code: string): boolean
}

/** Checks every token's region against the pack; throws naming the first unknown one. */
export function createViewerAuth(tokens: Map<string, string>, allowAnonymous: boolean, tree: RegionTree): ViewerAuth {
  for (const [token, region] of tokens) {
    if (region !== '*' && !tree.get(region)) {
      throw new Error(`VIEW_TOKENS: region ${region} of token "${token.slice(0, 4)}…" is not in the region pack (root ${tree.root.code})`)
    }
  }
  return {
    scopeFor(token) {
      if (!token) return allowAnonymous ? null : undefined
      const region = tokens.get(token)
      if (region === undefined) return undefined
      return region === '*' ? null : (tree.get(region)?.code ?? region)
    },
    allows(scope, code) {
      return scope === null || tree.contains(scope, code)
    },
  }
}

/** Constant-time comparison of a presented bearer token with the expected one. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The bearer token of an Authorization header, if any. */
export function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null
  return m ? m[1].trim() : undefined
}
