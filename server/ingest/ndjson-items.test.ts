/** NDJSON bodies parsed a slice at a time: the items `bodyItems` gives, over several turns of the event loop. */
import { describe, expect, it } from 'vitest'
import { ndjsonItems } from './ndjson-items.ts'
import { bodyItems } from './validate-events.ts'

/** 1,700 lines: events, blank and whitespace-only lines, CRLF endings, bad JSON, a trailing newline. */
const BODY =
  Array.from({ length: 1700 }, (_, i) => {
    if (i % 97 === 5) return ''
    if (i % 101 === 7) return '   \t'
    if (i % 211 === 9) return `{"id": "e${i}", "type": `
    const line = JSON.stringify({ id: `e${i}`, type: 'request.created', n: i })
    return i % 3 ? line : `${line}\r`
  }).join('\n') + '\n'

describe('NDJSON items', () => {
  it('are the items and line errors of `bodyItems`, bad lines included', async () => {
    const expected = bodyItems(BODY)
    const got = await ndjsonItems(BODY, 5000)
    expect(got).toEqual(expected)
    expect('items' in got && got.items.length).toBeGreaterThan(1600)
    expect('lineErrors' in got && got.lineErrors.size).toBeGreaterThanOrEqual(8)
  })

  it('are parsed over several turns of the event loop', async () => {
    let turns = 0
    let parsing = true
    const probe = () => {
      if (!parsing) return
      turns++
      setImmediate(probe)
    }
    setImmediate(probe)
    await ndjsonItems(BODY, 5000)
    parsing = false
    // 1,700 lines, 500 a turn: other work runs between the slices.
    expect(turns).toBeGreaterThanOrEqual(3)
  })

  it('are only counted past `max`', async () => {
    const lines = BODY.split('\n').filter((l) => l.trim()).length
    expect(await ndjsonItems(BODY, lines - 1)).toEqual({ count: lines })
    expect(await ndjsonItems(BODY, lines)).toEqual(bodyItems(BODY))
  })
})
