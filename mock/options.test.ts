import { describe, expect, it } from 'vitest'
import { shanghaiMs } from '../shared/time-windows.ts'
import { parseCliArgs } from './options.ts'

const NOW = shanghaiMs(2026, 11, 22, 10)
const parse = (...argv: string[]) => parseCliArgs(argv, NOW, {})

describe('simulate options', () => {
  it('defaults to 鞍山市, 1 January → now for a backfill', () => {
    const o = parse('backfill')
    expect(o).toMatchObject({ mode: 'backfill', root: '2103', seed: 8890, from: shanghaiMs(2026, 1, 1), to: NOW, url: 'http://127.0.0.1:8890' })
  })

  it('reads modes, scenario names and options', () => {
    expect(parse('scenario', 'surge', '--street', '210302001')).toMatchObject({ scenario: 'surge', street: '210302001' })
    expect(parse('live', '--speed', '60').from).toBe(NOW - 86_400_000)
    expect(parse('live', '--speed', 'max').speed).toBe(Infinity)
    expect(parse('file', '--from', '2026-03-01', '--to', '2026-03-02T12:00:00+08:00', '--out', 'x.ndjson')).toMatchObject({
      from: shanghaiMs(2026, 3, 1),
      to: shanghaiMs(2026, 3, 2, 12),
      out: 'x.ndjson',
    })
  })

  it.each([
    [[], /missing mode/],
    [['replay'], /unknown mode "replay"/],
    [['scenario'], /scenario needs a name: surge, quiet-night, outage/],
    [['scenario', 'flood'], /unknown scenario "flood"/],
    [['backfill', '--seed', 'abc'], /--seed must be an integer/],
    [['backfill', '--from', '2026-02-30'], /--from must be a date/],
    [['backfill', '--from', '2026-05-01', '--to', '2026-04-01'], /--to .* must be after --from/],
    [['backfill', '--to', '2027-01-01'], /in the future/],
    [['live', '--speed', '0'], /--speed must be a positive number/],
    [['live', '--url', 'localhost:8890'], /--url must be an http\(s\) URL/],
    [['live', '--root', '21030'], /--root must be a region code/],
    [['live', '--batch', '9000'], /--batch must be an integer from 1 to 5000/],
    [['live', '--nope'], /Unknown option '--nope'/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parse(...(argv as string[]))).toThrow(message)
  })
})
