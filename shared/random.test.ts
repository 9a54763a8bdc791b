import { describe, expect, it } from 'vitest'
import { hashSeed, mixSeed, mulberry32 } from './random.ts'

const draw = (seed: number, n: number) => {
  const r = mulberry32(seed)
  return Array.from({ length: n }, () => r())
}

describe('the seeded random source', () => {
  it('gives the same numbers for the same seed and others for another seed', () => {
    expect(draw(42, 20)).toEqual(draw(42, 20))
    expect(draw(42, 20)).not.toEqual(draw(43, 20))
  })
  it('draws in [0, 1), spread evenly', () => {
    const xs = draw(7, 100_000)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    const tenths = new Array(10).fill(0)
    for (const x of xs) tenths[Math.floor(x * 10)]++
    // Each tenth within 3 % of its expected 10,000 (σ ≈ 95).
    for (const n of tenths) expect(Math.abs(n - 10_000)).toBeLessThan(300)
  })
  it('mixes every part of a seed, the high bits of a timestamp too', () => {
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1))
    const at = Date.parse('2026-11-20T00:00:00Z')
    expect(mixSeed(at)).not.toBe(mixSeed(at + 2 ** 32))
    expect(mixSeed(5, 6)).toBe(mixSeed(5, 6))
  })
  it('hashes a string to a 32-bit seed with FNV-1a', () => {
    // FNV-1a of the empty string is its offset basis; of "a" the published value 0xe40c292c.
    expect(hashSeed('')).toBe(2166136261)
    expect(hashSeed('a')).toBe(0xe40c292c)
    expect(hashSeed('210302')).not.toBe(hashSeed('210303'))
  })
})
