import { describe, expect, it } from 'vitest'
import type { StateRows } from './event-store.ts'
import { sendRowSlices } from './row-slices.ts'

/** `total` kv rows whose encoding advances a fake clock by `cost(i)` ms for row `i`. */
function source(total: number, clock: { t: number }, cost: (i: number) => number) {
  let next = 0
  return (max: number): StateRows | null => {
    if (next === total) return null
    const kv: StateRows['kv'] = []
    for (; next < total && kv.length < max; next++) {
      kv.push({ k: `k${next}`, v: null })
      clock.t += cost(next)
    }
    return { buckets: [], requests: [], kv }
  }
}

/** Sends `total` rows; returns the keys sent in order and each turn's length (ms of the fake clock). */
async function run(total: number, cost: (i: number) => number) {
  const clock = { t: 0 }
  const keys: string[] = []
  const turns: number[] = []
  let at = 0
  await sendRowSlices(
    source(total, clock, cost),
    (s) => {
      keys.push(...s.kv.map((r) => r.k))
      // The clock moves only while rows are taken: a turn ends where the next starts.
      turns.push(clock.t - at)
      at = clock.t
    },
    { sliceMs: 4, pullMs: 0.25, now: () => clock.t },
  )
  return { keys, turns }
}

describe('checkpoint row slices', () => {
  it('sends every row once, in order, a slice per turn of about the aimed time', async () => {
    const { keys, turns } = await run(5000, () => 1 / 64)
    expect(keys).toEqual(Array.from({ length: 5000 }, (_, i) => `k${i}`))
    // Every turn but the last reaches the aim and passes it by less than a pull (16 rows of 1/64 ms).
    for (const t of turns.slice(0, -1)) {
      expect(t).toBeGreaterThanOrEqual(4)
      expect(t).toBeLessThanOrEqual(4.25)
    }
  })

  it('overruns a turn by one pull at most when rows turn a hundred times dearer', async () => {
    // Cheap deletions, then wide encodings: a pull sized by the cheap rows must not hold the loop.
    const { keys, turns } = await run(20_000, (i) => (i < 10_000 ? 0.001 : 0.1))
    expect(keys.length).toBe(20_000)
    expect(new Set(keys).size).toBe(20_000)
    // The pull before the change: 250 rows of 1 µs; the same 250 rows at 0.1 ms are 25 ms.
    expect(Math.max(...turns)).toBeLessThanOrEqual(4 + 25.6 + 0.01)
    // And the dear rows go on at about the aim, not one row a turn.
    expect(turns.length).toBeLessThan(600)
  })

  it('takes one row a pull when a single row costs more than a turn', async () => {
    const { keys, turns } = await run(50, () => 10)
    expect(keys.length).toBe(50)
    expect(turns.length).toBe(50)
  })
})
