import { describe, expect, it } from 'vitest'
import type { StateRows } from './event-store.ts'
import { sendRowSlices } from './row-slices.ts'

/** `total` kv rows whose encoding advances a fake clock by `msPerRow` each (`cost` may change it). */
function source(total: number, clock: { t: number }, cost: { msPerRow: number }) {
  let next = 0
  return (max: number): StateRows | null => {
    if (next === total) return null
    const kv: StateRows['kv'] = []
    for (; next < total && kv.length < max; next++) {
      kv.push({ k: `k${next}`, v: null })
      clock.t += cost.msPerRow
    }
    return { buckets: [], requests: [], kv }
  }
}

describe('checkpoint row slices', () => {
  it('sizes each slice by the pace of the last, so a turn takes about the aimed time, and sends every row once in order', async () => {
    const clock = { t: 0 }
    const cost = { msPerRow: 0.125 }
    const sizes: number[] = []
    const keys: string[] = []
    await sendRowSlices(
      source(5000, clock, cost),
      (s) => {
        sizes.push(s.kv.length)
        keys.push(...s.kv.map((r) => r.k))
        // Rows get cheaper halfway: slices grow again, by at most twice at a time.
        if (keys.length > 2500) cost.msPerRow = 1 / 64
      },
      { first: 500, sliceMs: 4, now: () => clock.t },
    )
    expect(keys).toEqual(Array.from({ length: 5000 }, (_, i) => `k${i}`))
    expect(sizes[0]).toBe(500)
    // 1/8 ms a row: 32 rows make 4 ms.
    expect(sizes[1]).toBe(32)
    expect(sizes.slice(2, 10).every((n) => n === 32)).toBe(true)
    const after = sizes.slice(sizes.findIndex((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0) > 2500) + 1)
    for (let i = 1; i < after.length - 1; i++) expect(after[i]).toBeLessThanOrEqual(2 * after[i - 1])
    expect(Math.max(...after)).toBe(256)
  })

  it('never goes below the fewest rows a slice takes, however slow the rows', async () => {
    const clock = { t: 0 }
    const sizes: number[] = []
    await sendRowSlices(source(300, clock, { msPerRow: 50 }), (s) => sizes.push(s.kv.length), { first: 100, min: 16, now: () => clock.t })
    expect(sizes).toEqual([100, ...Array(12).fill(16), 8])
  })
})
