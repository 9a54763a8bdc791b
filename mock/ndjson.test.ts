import { describe, expect, it } from 'vitest'
import type { IngestEvent } from '../shared/events.ts'
import { EventQueue } from './event-queue.ts'
import { isoTime } from './iso-time.ts'
import { eventJson, toNdjson } from './ndjson.ts'
import { shanghai } from './calendar.ts'
import { runDays } from './test-fixtures.ts'

describe('serialisation', () => {
  it('writes the same JSON as JSON.stringify, escaping where needed', () => {
    const odd: IngestEvent = { id: 'a', type: 'request.returned', at: '2026-01-01T00:00:00Z', requestId: 'r"1\\', reason: 'line\nbreak' }
    for (const e of [...runDays(shanghai(2026, 1, 5), 1, { locate: () => [122.99, 41.1] }).slice(0, 5000), odd]) {
      expect(JSON.parse(eventJson(e))).toEqual(JSON.parse(JSON.stringify(e)))
    }
    expect(toNdjson([odd, odd]).split('\n')).toHaveLength(3)
  })

  it('formats times like toISOString', () => {
    for (const ms of [0, 1_767_196_800_000, 1_767_196_800_999, 1_795_000_000_123, 1_767_283_199_999]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString())
    }
  })
})

describe('event queue', () => {
  it('pops by time, ties in insertion order', () => {
    const q = new EventQueue<string>()
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
