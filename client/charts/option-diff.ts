/**
 * Minimal ECharts updates: the part of a new option that differs from the last one applied, so a
 * tick hands ECharts one changed series instead of the whole chart, and nothing when nothing changed.
 */

type Plain = Record<string, unknown>

/** What to do with a new option: nothing, merge a patch, or replace the chart's option. */
export type OptionUpdate = { kind: 'same' } | { kind: 'patch'; option: Plain } | { kind: 'replace'; option: Plain }

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

/** Structural equality of option values (functions and other objects by identity). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false
    return true
  }
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined)
    const kb = Object.keys(b).filter((k) => b[k] !== undefined)
    if (ka.length !== kb.length) return false
    for (const k of ka) if (!sameValue(a[k], b[k])) return false
    return true
  }
  // NaN stands for a missing value in a few builders.
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
}

/** Marker for a change a merge cannot express (a key removed): the option must be replaced. */
const REPLACE = Symbol('replace')

/**
 * The sub-object of `next` that differs from `prev`, for ECharts' merge: nested objects are
 * diffed key by key, arrays are replaced whole (data), arrays of components with ids are matched
 * by id. Undefined when equal; REPLACE when a key or a component went away or moved.
 */
function diffValue(prev: unknown, next: unknown): unknown {
  if (sameValue(prev, next)) return undefined
  if (isPlain(prev) && isPlain(next)) {
    for (const k of Object.keys(prev)) if (prev[k] !== undefined && next[k] === undefined) return REPLACE
    const out: Plain = {}
    for (const k of Object.keys(next)) {
      if (next[k] === undefined) continue
      const d = diffValue(prev[k], next[k])
      if (d === REPLACE) return REPLACE
      if (d !== undefined) out[k] = d
    }
    return out
  }
  if (isComponentList(prev) && isComponentList(next)) {
    if (prev.length !== next.length || prev.some((p, i) => p.id !== next[i].id)) return REPLACE
    const out: Plain[] = []
    for (let i = 0; i < next.length; i++) {
      const d = diffValue(prev[i], next[i])
      if (d === REPLACE) return REPLACE
      if (d !== undefined) out.push({ ...(d as Plain), id: next[i].id })
    }
    return out
  }
  return next
}

/** An array of components each with an id (series, axes with ids): merged by id. */
const isComponentList = (v: unknown): v is (Plain & { id: unknown })[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => isPlain(x) && x.id !== undefined)

/** Plans the update from the option last applied (null: none yet) to `next`. */
export function planOptionUpdate(prev: Plain | null, next: Plain): OptionUpdate {
  if (!prev) return { kind: 'replace', option: next }
  const d = diffValue(prev, next)
  if (d === undefined) return { kind: 'same' }
  if (d === REPLACE) return { kind: 'replace', option: next }
  return { kind: 'patch', option: d as Plain }
}
