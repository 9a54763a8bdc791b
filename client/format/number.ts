// One formatter for all calls: `toLocaleString` builds a new one each time (the wall formats
// hundreds of counts per tick).
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** Formats a count with thousands separators: 795192 → "795,192". */
export const formatCount = (n: number | null | undefined): string => (n == null || !Number.isFinite(n) ? '—' : COUNT.format(Math.round(n)))

/** Formats a fraction as a percentage with `digits` decimals: 0.9812 → "98.1%"; null → "—". */
export function formatRate(r: number | null | undefined, digits = 1): string {
  if (r == null || !Number.isFinite(r)) return '—'
  return `${(r * 100).toFixed(digits)}%`
}

/** Percentage number without the sign, for ring centres: 0.9812 → "98.1". */
export const ratePercent = (r: number | null | undefined, digits = 1): string =>
  r == null || !Number.isFinite(r) ? '—' : (r * 100).toFixed(digits)

/** Signed change between two counts as a percentage: (120, 100) → "+20.0%"; no base → "—". */
export function formatChange(current: number, base: number): string {
  if (!base) return '—'
  const pct = ((current - base) / base) * 100
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`
}

