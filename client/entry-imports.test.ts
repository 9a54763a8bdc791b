import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The modules the wall can load at run time: every value import (static, re-export or dynamic)
 * followed from `from`, type-only imports left out as the bundler leaves them out. Returns each
 * module with the chain that reached it.
 */
function runtimeImports(from: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[from, [from]]])
  const queue = [from]
  while (queue.length) {
    const file = queue.shift()!
    const text = readFileSync(file, 'utf8')
    const specs = [
      ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;'"]*?\sfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
      ...[...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
      ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
    ]
    for (const spec of specs) {
      const target = spec.startsWith('.') ? resolve(dirname(file), spec) : spec
      if (seen.has(target)) continue
      seen.set(target, [...seen.get(file)!, target])
      if (spec.startsWith('.') && /\.(ts|vue)$/.test(target) && existsSync(target)) queue.push(target)
    }
  }
  return seen
}

describe('the wall bundle', () => {
  it('finds a package reached through shared code (the walk follows value imports only)', () => {
    const fromEvents = runtimeImports(resolve('shared/events.ts'))
    expect(fromEvents.has('@sinclair/typebox')).toBe(true)
    const fromEnums = runtimeImports(resolve('shared/enums.ts'))
    expect(fromEnums.has('@sinclair/typebox')).toBe(false)
  })
  it('never loads TypeBox: the client uses the schemas as types only', () => {
    const loaded = runtimeImports(resolve('client/main.ts'))
    expect(loaded.size).toBeGreaterThan(50)
    expect(loaded.get('@sinclair/typebox') ?? null).toBeNull()
  })
})
