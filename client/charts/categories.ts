/** The `n` largest categories, largest first; zero counts are left out. */
export function topCategories(byCategory: Record<string, number>, n = 10): { name: string; value: number }[] {
  return Object.entries(byCategory)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([name, value]) => ({ name, value }))
}

/** A bar of the TOP10: its length as a fraction of the largest (0–1). */
export const barShare = (value: number, max: number): number => (max > 0 ? Math.min(1, Math.max(0, value / max)) : 0)
