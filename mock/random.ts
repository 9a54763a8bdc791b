/** Seeded random sources: small, fast and reproducible (the same seed gives the same numbers). */

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

/** Standard normal deviate (Box–Muller). */
export function normal(rnd: Random): number {
  const u = 1 - rnd()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd())
}

/** Log-normal deviate with the given median and log-space sigma. */
export function logNormal(rnd: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rnd))
}

/** Uniform deviate in [lo, hi). */
export const uniform = (rnd: Random, lo: number, hi: number): number => lo + (hi - lo) * rnd()

/** Poisson deviate (normal approximation above 50, exact below). */
export function poisson(rnd: Random, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rnd)))
  const l = Math.exp(-mean)
  let k = 0
  let p = rnd()
  while (p > l) {
    k++
    p *= rnd()
  }
  return k
}

/** Cumulative weights for `pick`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length)
  let s = 0
  for (let i = 0; i < weights.length; i++) out[i] = s += weights[i]
  return out
}

/** Index drawn with probability proportional to its weight (binary search on cumulative weights). */
export function pick(rnd: Random, cum: Float64Array): number {
  const x = rnd() * cum[cum.length - 1]
  let lo = 0
  let hi = cum.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cum[mid] > x) hi = mid
    else lo = mid + 1
  }
  return lo
}
