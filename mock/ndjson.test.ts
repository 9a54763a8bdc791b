import { describe, expect, it } from 'vitest'
import type { IngestEvent } from '../shared/events.ts'
import { TimeHeap } from '../shared/time-heap.ts'
import { isoTime } from './iso-time.ts'
import { encodeNdjson, toNdjson } from './ndjson.ts'
import { shanghaiMs } from '../shared/time-windows.ts'
import { runDays } from './test-fixtures.ts'

describe('serialisation', () => {
  it('writes each event as one line of JSON with the same content, escaping where needed', () => {
    const odd: IngestEvent[] = [
      { id: 'a', type: 'request.returned', at: '2026-01-01T00:00:00Z', requestId: 'r"1\\', department: '部门"甲"', reason: 'line\nbreak\ttab\u0001\u001f\b\f\r' },
      { id: 'b', type: 'request.invalidated', at: '2026-01-01T00:00:00Z', requestId: 'r2', reason: '表情😀 \u2028\u2029 lone \ud800 and \udc00 end\ud83d' },
      { id: 'c', type: 'grid.patrol', at: '2026-01-01T00:00:00Z', grid: '210302001001001', worker: 'wk"\\', location: [122.123456, -0.000001] },
      { id: 'd', type: 'request.signed', at: '2026-01-01T00:00:00Z', requestId: 'r3' },
      { id: 'e', type: 'request.created', at: '2026-01-01T00:00:00Z', requestId: 'r4', region: '210302001001', category: '供"暖\\', channel: 'hotline', urgency: 'normal', summary: '电话\n13812345678 😀\ud800' },
    ]
    const events = [...runDays(shanghaiMs(2026, 1, 5), 1, { locate: () => [122.99, 41.1] }).slice(0, 5000), ...odd]
    const bytes = encodeNdjson(events)
    const text = bytes.toString('utf8')
    // Valid UTF-8 (a lossy decode would not give the same bytes back).
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true)
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(events.length)
    lines.forEach((line, i) => expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(events[i]))))
    // Lone surrogates escaped exactly as JSON.stringify escapes them.
    expect(lines.at(-4)).toContain('\\ud800 and \\udc00 end\\ud83d')
    expect(toNdjson(odd.slice(0, 2)).split('\n')).toHaveLength(3)
    // The scratch buffer is reused: an earlier result is a copy that later calls do not touch.
    const first = encodeNdjson(odd.slice(0, 1))
    encodeNdjson(odd.slice(1, 2))
    expect(JSON.parse(first.toString('utf8'))).toEqual(odd[0])
  })

  it('formats times like toISOString', () => {
    for (const ms of [0, 1_767_196_800_000, 1_767_196_800_999, 1_795_000_000_123, 1_767_283_199_999, 1_767_283_199_000, 1_767_239_999_999]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString())
    }
  })
})

describe('event queue', () => {
  it('pops by time, ties in insertion order', () => {
    const q = new TimeHeap<string>()
    q.push(5000, 'c')
    q.push(1000, 'a')
    q.push(5000, 'd')
    expect(q.peekTime()).toBe(1000)
    q.push(1000, 'b')
    q.push(7_200_000, 'e')
    const out: string[] = []
    while (q.size) out.push(q.pop()!)
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(q.peekTime()).toBe(Infinity)
  })
})
