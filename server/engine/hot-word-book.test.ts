/** Hot words over a true last 24 h (to the hour), bounded memory, and the sketches across a restart. */
import { describe, expect, it } from 'vitest'
import { HOUR_MS } from '../../shared/time-windows.ts'
import type { StateRows } from '../store/event-store.ts'
import { HotWordBook } from './hot-word-book.ts'

const NOW = Date.parse('2026-11-21T12:20:00+08:00')
const chain = Int32Array.of(1, 0)
const book = () => new HotWordBook(96, () => true)
const dayWords = (b: HotWordBook, now = NOW) => b.words(1, now, 20)!.day.map((w) => w.word)
const weekWords = (b: HotWordBook, now = NOW) => b.words(1, now, 20)!.week.map((w) => w.word)
/** A capture's rows, `room` at a time, with `between` run before each slice. */
function drain(source: ReturnType<HotWordBook['capture']>, room = 1000, between = () => {}): StateRows['kv'] {
  const out: StateRows['kv'] = []
  for (;;) {
    between()
    if (source.fill(out, room) === 0) return out
  }
}
/** A book with 31 hours of summaries, alternating 水管爆裂 (odd hours back) and 暖气不热 (even). */
function twoWords(): HotWordBook {
  const b = book()
  b.advance(NOW)
  for (let h = 30; h >= 0; h--) b.record(chain, NOW - h * HOUR_MS, h % 2 ? '水管爆裂' : '暖气不热', NOW)
  return b
}
const kept = (rows: StateRows['kv']) => rows.filter((r) => r.v !== null) as { k: string; v: Uint8Array }[]
/** Rows as the state tables hold them (the last of a key wins). */
const stored = (rows: { k: string; v: Uint8Array }[]) => {
  const kv = new Map(rows.map((r) => [r.k, r.v]))
  return { kv: (prefix: string) => [...kv].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => ({ k, v })) }
}

describe('hot words over the last 24 h', () => {
  it('take in a summary 23 h old and leave out one 25 h old (both in the 7 days)', () => {
    const b = book()
    b.advance(NOW)
    b.record(chain, NOW - 25 * HOUR_MS, '水管爆裂', NOW)
    b.record(chain, NOW - 23 * HOUR_MS, '暖气不热', NOW)
    b.record(chain, NOW - 10 * 60_000, '路灯不亮', NOW)
    expect(dayWords(b)).toEqual(expect.arrayContaining(['暖气不热', '路灯不亮']))
    expect(dayWords(b)).not.toContain('水管爆裂')
    expect(weekWords(b)).toEqual(expect.arrayContaining(['水管爆裂', '暖气不热', '路灯不亮']))
    // An hour later the 23-hour-old summary is 24 h old and still in; two hours later (26 h) it is out.
    const later = NOW + HOUR_MS
    b.advance(later)
    expect(dayWords(b, later)).toContain('暖气不热')
    const later2 = NOW + 2 * HOUR_MS + 45 * 60_000
    b.advance(later2)
    expect(dayWords(b, later2)).not.toContain('暖气不热')
    expect(dayWords(b, later2)).toContain('路灯不亮')
  })

  it('hold at most 26 hourly sketches and 36 blocks per region, however long it runs', () => {
    const b = book()
    for (let t = NOW - 20 * 24 * HOUR_MS; t <= NOW; t += HOUR_MS) {
      b.advance(t)
      b.record(chain, t, '供暖不热', t)
      expect(b.sketchesOf(1)).toBeLessThanOrEqual(26 + 36)
    }
    expect(b.sketchesOf(1)).toBe(26 + 36)
  })

  it('are the same after a restart from checkpoint rows', () => {
    const b = twoWords()
    const fromRows = book()
    fromRows.open(stored(kept(drain(b.capture()))), NOW)
    expect(fromRows.words(1, NOW, 20)).toEqual(b.words(1, NOW, 20))
    // 25 hours in the window: 12 of 水管爆裂 (odd hours 1..23) and 13 of 暖气不热 (even hours 0..24).
    const day = new Map(b.words(1, NOW, 20)!.day.map((w) => [w.word, w.count]))
    expect(day.get('水管爆裂')).toBe(12)
    expect(day.get('暖气不热')).toBe(13)
  })

  it('are read after a restart region by region on first use, once, and deleted when out of the kept windows', () => {
    const b = twoWords()
    const rows = kept(drain(b.capture()))
    const asked: string[] = []
    const source = stored(rows)
    const counting = { kv: (prefix: string) => (asked.push(prefix), source.kv(prefix)) }
    const restored = book()
    restored.open(counting, NOW)
    expect(asked).toEqual([])
    expect(restored.words(1, NOW, 20)).toEqual(b.words(1, NOW, 20))
    restored.record(chain, NOW, '水管爆裂', NOW)
    expect(asked).toEqual(['w:1:', 'w:0:'])
    // Ten days on, every stored sketch of region 1 is out of the windows: its rows are deleted.
    const later = book()
    later.open(source, NOW + 10 * 24 * HOUR_MS)
    expect(later.sketchesOf(1)).toBe(0)
    const deleted = drain(later.capture())
    expect(deleted.length).toBe(rows.filter((r) => r.k.startsWith('w:1:')).length)
    expect(deleted.every((r) => r.v === null)).toBe(true)
  })

  it('checkpoint rows are the sketches at the capture, though they change while the rows are encoded', () => {
    const b = twoWords()
    const atCapture = book()
    atCapture.open(stored(kept(drain(b.capture()))), NOW)
    for (let h = 30; h >= 0; h--) b.record(chain, NOW - h * HOUR_MS, '路灯不亮', NOW)
    const before = b.words(1, NOW, 20)
    // Encoded 3 rows at a time while the same hours and blocks take a new word.
    const source = b.capture()
    const rows = drain(source, 3, () => b.record(chain, NOW - 2 * HOUR_MS, '噪音扰民', NOW))
    const restored = book()
    restored.open(stored([...kept(drain(atCapture.capture())), ...kept(rows)]), NOW)
    expect(restored.words(1, NOW, 20)).toEqual(before)
    expect(new Set(rows.map((r) => r.k)).size).toBe(rows.length)
    // What changed during the encoding goes with the next capture.
    expect(b.unsavedRows).toBeGreaterThan(0)
    expect(b.words(1, NOW, 20)).not.toEqual(before)
  })
})
