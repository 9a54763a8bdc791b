/** Distributions for the simulator, drawn from the seeded source of `shared/random.ts`. */

import type { Random } from '../shared/random.ts'

export { mixSeed, mulberry32, type Random } from '../shared/random.ts'

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
