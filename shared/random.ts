/** The one seeded random source: small, fast and reproducible (the same seed gives the same numbers). */

/** A random source: returns a float in [0, 1). */
export type Random = () => number

/** Mixes integers into one 32-bit seed (for independent streams per day or purpose). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    // High bits of large numbers (e.g. ms timestamps) must count too.
    h = Math.imul(h ^ Math.floor(p / 0x100000000), 0x27d4eb2f)
  }
  return h >>> 0
}

/** Mulberry32: a 32-bit generator, good enough for simulation and very fast. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a hash of a string, as a 32-bit seed. */
export function hashSeed(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}
