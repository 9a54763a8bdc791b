/** The surge detector's checkpoint rows: the series as they were at the capture, across a restart. */
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../../shared/random.ts'
import { HOUR_MS } from '../../shared/time-windows.ts'
import { SurgeDetector } from './surge-detector.ts'

const NOW = Date.parse('2026-11-21T10:20:00+08:00')
const chains = [Int32Array.of(3, 1, 0), Int32Array.of(4, 1, 0), Int32Array.of(5, 2, 0)]
const detector = () => new SurgeDetector({ watch: () => true })

/** Creations over the ring's 8 days and in the last hour, from a seeded random source. */
function feed(d: SurgeDetector, seed: number, n: number, now: number): void {
  const r = mulberry32(seed)
  for (let i = 0; i < n; i++) {
    const at = r() < 0.5 ? now - Math.floor(r() * 8 * 24 * HOUR_MS) : now - Math.floor(r() * HOUR_MS)
    d.record(chains[Math.floor(r() * chains.length)], Math.floor(r() * 2), at, now)
  }
}

type Rows = { k: string; v: Uint8Array | null }[]
function drain(rows: (max: number) => Rows | null, between = () => {}): Rows {
  const out: Rows = []
  for (let slice = rows(2); slice; slice = rows(2)) {
    out.push(...slice)
    between()
  }
  return out
}
const text = (rows: Rows) => new Map(rows.map((r) => [r.k, r.v ? Buffer.from(r.v).toString('base64') : '-']))

describe('surge detector rows', () => {
  it.each([
    ['in the same hour', 0],
    ['over new hours', HOUR_MS],
  ])('are the series at the capture, though creations %s change them while the rows are encoded', (_, step) => {
    const fed = () => {
      const d = detector()
      feed(d, 1, 2000, NOW)
      return d
    }
    const expected = text(drain(fed().captureRows()))
    const changing = fed()
    let later = NOW
    const got = text(
      drain(changing.captureRows(), () => {
        later += step
        feed(changing, 2, 30, later)
      }),
    )
    expect(expected.size).toBeGreaterThan(8)
    expect(got).toEqual(expected)
    // What changed meanwhile goes with the next capture.
    expect(drain(changing.captureRows()).length).toBeGreaterThan(0)
  })

  it('restore the same counts and recent creations after a restart', () => {
    const d = fed2()
    const rows = drain(d.captureRows()).filter((r) => r.v !== null) as { k: string; v: Uint8Array }[]
    const restored = detector()
    restored.loadRows(rows, NOW)
    // The same next creation tips, or does not tip, both the same way.
    for (let i = 0; i < 40; i++) {
      const at = NOW + i * 1000
      expect(restored.record(chains[0], 0, at, at + 1)).toEqual(d.record(chains[0], 0, at, at + 1))
    }
  })
})

function fed2(): SurgeDetector {
  const d = detector()
  feed(d, 3, 600, NOW)
  return d
}
