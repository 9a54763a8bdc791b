/**
 * Structural patches of JSON values: objects patched by key, arrays by element, so one changed
 * row of a table or one point of a series travels alone. `applyPatch(a, diffPatch(a, b))` equals
 * `b` for any JSON values; applying copies only the changed paths (unchanged parts are shared).
 */

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** A patch: a JSON value to put in place, or a patch object (see the markers below). */
export type Patch = Json

// Markers inside a patch object. Data keys starting with '$' are escaped with one more '$'.
/** Object patch: keys removed. */
const DEL = '$d'
/** Array patch: the new length (absent when unchanged). */
const LEN = '$n'
/** A whole value that is a plain object, put in place rather than read as a patch. */
const VAL = '$v'

type Obj = { [key: string]: Json }
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const escapeKey = (k: string) => (k.charCodeAt(0) === 36 ? '$' + k : k)
const unescapeKey = (k: string) => (k.charCodeAt(0) === 36 ? k.slice(1) : k)
const whole = (b: Json): Patch => (isObj(b) ? { [VAL]: b } : b)

/** The patch from `a` to `b`, or undefined when they are equal. */
export function diffPatch(a: Json | undefined, b: Json): Patch | undefined {
  if (a === b) return undefined
  if (isObj(a) && isObj(b)) return diffObject(a, b)
  if (Array.isArray(a) && Array.isArray(b)) return diffArray(a, b)
  return whole(b)
}

function diffObject(a: Obj, b: Obj): Patch | undefined {
  let out: Obj | undefined
  for (const k in b) {
    const p = diffPatch(a[k], b[k])
    if (p !== undefined) (out ??= {})[escapeKey(k)] = p
  }
  let removed: string[] | undefined
  for (const k in a) if (!(k in b)) (removed ??= []).push(k)
  if (removed) (out ??= {})[DEL] = removed
  return out
}

function diffArray(a: Json[], b: Json[]): Patch | undefined {
  let out: Obj | undefined
  for (let i = 0; i < b.length; i++) {
    const p = diffPatch(i < a.length ? a[i] : undefined, b[i])
    if (p !== undefined) (out ??= {})[i] = p
  }
  if (a.length !== b.length) (out ??= {})[LEN] = b.length
  return out
}

/** `a` with `patch` applied; `a` itself is not modified. */
export function applyPatch(a: Json | undefined, patch: Patch): Json {
  if (!isObj(patch)) return patch
  if (VAL in patch) return patch[VAL]
  if (Array.isArray(a)) {
    const len = typeof patch[LEN] === 'number' ? patch[LEN] : a.length
    const out = a.slice(0, len)
    for (const k in patch) {
      if (k === LEN) continue
      const i = Number(k)
      out[i] = applyPatch(a[i], patch[k])
    }
    return out
  }
  if (!isObj(a)) throw new Error('patch does not fit the value it is applied to')
  const out: Obj = { ...a }
  for (const k in patch) {
    if (k === DEL) for (const gone of patch[k] as string[]) delete out[gone]
    else {
      const key = unescapeKey(k)
      out[key] = applyPatch(a[key], patch[k])
    }
  }
  return out
}
