/** Fast RFC 3339 formatting in UTC (`2026-01-15T01:02:03.456Z`), same output as `toISOString`. */

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))
let cachedDay = NaN
let cachedPrefix = ''

/** Formats ms since the epoch like `new Date(ms).toISOString()` (years 1000–9999). */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / 86_400_000)
  if (day !== cachedDay) {
    cachedDay = day
    cachedPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11)
  }
  let r = ms - day * 86_400_000
  const h = Math.floor(r / 3_600_000)
  r -= h * 3_600_000
  const m = Math.floor(r / 60_000)
  r -= m * 60_000
  const s = Math.floor(r / 1000)
  return cachedPrefix + PAD2[h] + ':' + PAD2[m] + ':' + PAD2[s] + '.' + PAD3[r - s * 1000] + 'Z'
}
