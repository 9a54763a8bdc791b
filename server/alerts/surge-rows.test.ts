/** The surge detector's checkpoint rows: the series as they were at the capture, across a restart. */
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../../shared/random.ts'
import { HOUR_MS } from '../../shared/time-windows.ts'
import { SurgeDetector, type StoredSeries } from './surge-detector.ts'

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
    const restored = detector()
    restored.open(stored(drain(d.captureRows())).source, NOW)
    // The same next creation tips, or does not tip, both the same way.
    for (let i = 0; i < 40; i++) {
      const at = NOW + i * 1000
      expect(restored.record(chains[0], 0, at, at + 1)).toEqual(d.record(chains[0], 0, at, at + 1))
    }
  })

  it('are read on first use or by the sweep, each once, after a restart', () => {
    const d = fed2()
    const rows = stored(drain(d.captureRows()))
    const restored = detector()
    restored.open(rows.source, NOW)
    expect(rows.gets + rows.pages).toBe(0)
    // A creation before the sweep reads the series it reaches; the sweep does not read them again.
    const at = NOW + 1000
    expect(restored.record(chains[0], 0, at, at)).toEqual(d.record(chains[0], 0, at, at))
    expect(rows.gets).toBe(3)
    for (let n = 0; !restored.sweep(0); n++) expect(n).toBeLessThan(50)
    expect(restored.unswept).toBe(false)
    expect(rows.pages).toBeGreaterThan(1)
    const gets = rows.gets
    // Every series now counts as before the restart (a series read twice would count twice).
    for (let i = 0; i < 60; i++) {
      const t = NOW + 2000 + i * 1000
      const chain = chains[i % chains.length]
      expect(restored.record(chain, i % 2, t, t), `creation ${i}`).toEqual(d.record(chain, i % 2, t, t))
    }
    expect(rows.gets).toBe(gets)
    // And is written as before: the same rows for the series the creations changed.
    expect(text(drain(restored.captureRows()))).toEqual(text(drain(d.captureRows())))
  })

  it('are deleted when the sweep finds them quiet for the 8 days of the ring', () => {
    const rows = stored(drain(fed2().captureRows()))
    const restored = detector()
    restored.open(rows.source, NOW + 9 * 24 * HOUR_MS)
    while (!restored.sweep(0));
    const deleted = drain(restored.captureRows())
    expect(deleted.length).toBe(rows.keys.length)
    expect(deleted.every((r) => r.v === null)).toBe(true)
  })
})

/** Rows as the state tables hold them, counting the reads. */
function stored(rows: Rows) {
  const kv = new Map(rows.filter((r) => r.v !== null).map((r) => [r.k, r.v!]))
  const keys = [...kv.keys()].sort()
  const counts = { gets: 0, pages: 0, keys }
  const source: StoredSeries = {
    kvGet: (k) => (counts.gets++, kv.get(k)),
    kvPage: (prefix, after, limit) => {
      counts.pages++
      return keys
        .filter((k) => k.startsWith(prefix) && k > after)
        .slice(0, Math.min(limit, 2))
        .map((k) => ({ k, v: kv.get(k)! }))
    },
  }
  return Object.assign(counts, { source })
}

function fed2(): SurgeDetector {
  const d = detector()
  feed(d, 3, 600, NOW)
  return d
}
