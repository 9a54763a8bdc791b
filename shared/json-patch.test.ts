import { mulberry32 } from './random.ts'
import { describe, expect, it } from 'vitest'
import { applyPatch, diffPatch, type Json } from './json-patch.ts'


const KEYS = ['a', 'b', 'c', '$d', '$n', '$v', '$$x', '供暖', '0', '1']
/** A random JSON value of bounded depth. */
function value(r: () => number, depth: number): Json {
  const kind = Math.floor(r() * (depth > 0 ? 7 : 5))
  if (kind === 0) return null
  if (kind === 1) return r() < 0.5
  if (kind === 2) return Math.floor(r() * 5)
  if (kind === 3) return r() * 1e6
  if (kind === 4) return ['', 'x', 'y', '$v'][Math.floor(r() * 4)]
  if (kind === 5) return Array.from({ length: Math.floor(r() * 5) }, () => value(r, depth - 1))
  const o: { [k: string]: Json } = {}
  for (const k of KEYS) if (r() < 0.3) o[k] = value(r, depth - 1)
  return o
}
/** `v` with a few random edits, so a diff is mostly partial. */
function mutate(r: () => number, v: Json, depth: number): Json {
  if (r() < 0.15 || depth === 0) return value(r, depth)
  if (Array.isArray(v)) {
    const out = v.map((x) => (r() < 0.3 ? mutate(r, x, depth - 1) : x))
    if (r() < 0.2) out.push(value(r, depth - 1))
    if (r() < 0.2) out.length = Math.floor(r() * out.length)
    return out
  }
  if (v && typeof v === 'object') {
    const out = { ...v }
    for (const k of KEYS) {
      const x = r()
      if (x < 0.1) delete out[k]
      else if (x < 0.35) out[k] = k in v ? mutate(r, v[k], depth - 1) : value(r, depth - 1)
    }
    return out
  }
  return value(r, depth)
}
const wire = (v: Json | undefined): Json | undefined => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))

describe('json patch', () => {
  it('patches objects by key and arrays by element', () => {
    const a = { n: 1, rows: [{ code: 'x', v: 1 }, { code: 'y', v: 2 }], series: [0, 0, 0, 0], gone: 1 }
    const b = { n: 2, rows: [{ code: 'x', v: 1 }, { code: 'y', v: 3 }], series: [0, 0, 5, 0] }
    expect(diffPatch(a, b)).toEqual({ n: 2, rows: { 1: { v: 3 } }, series: { 2: 5 }, $d: ['gone'] })
    expect(diffPatch(a, a)).toBeUndefined()
  })

  it('puts a whole object in place of a non-object, and escapes data keys starting with $', () => {
    expect(applyPatch(null, diffPatch(null, { a: 1 })!)).toEqual({ a: 1 })
    expect(applyPatch([1], diffPatch([1], { $v: [2] })!)).toEqual({ $v: [2] })
    expect(applyPatch({ $d: 1 }, diffPatch({ $d: 1 }, { $d: 2 })!)).toEqual({ $d: 2 })
  })

  it('leaves the value it patches untouched and shares what did not change', () => {
    const a = { keep: { deep: [1, 2] }, change: { x: 1 } }
    const b = applyPatch(a, diffPatch(a, { keep: { deep: [1, 2] }, change: { x: 2 } })!) as typeof a
    expect(a.change.x).toBe(1)
    expect(b.change.x).toBe(2)
    expect(b.keep).toBe(a.keep)
  })

  it('gives back exactly the target for random values and random edits, through JSON', () => {
    const r = mulberry32(17)
    for (let run = 0; run < 300; run++) {
      let held = value(r, 4)
      let server = held
      for (let step = 0; step < 20; step++) {
        const next = mutate(r, server, 4)
        const patch = wire(diffPatch(server, next))
        if (patch !== undefined) held = applyPatch(held, patch)
        server = next
        expect(held).toEqual(server)
      }
    }
  })
})
