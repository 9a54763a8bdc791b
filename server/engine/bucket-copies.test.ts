import { describe, expect, it } from 'vitest'
import { BucketCopies } from './bucket-copies.ts'

describe('bucket copies', () => {
  it('keeps the values at the time of keeping, across many slabs, and hands each copy out once', () => {
    const copies = new BucketCopies()
    const sources = new Map<string, Float64Array>()
    for (let region = 0; region < 600; region++)
      for (const [kind, period] of [
        [0, 20000],
        [1, 657],
      ]) {
        const b = Float64Array.from({ length: 43 }, (_, i) => region * 100 + kind * 10 + i)
        copies.keep(kind, period, region, b)
        sources.set(`${kind}/${period}/${region}`, b)
      }
    copies.keep(0, 20001, 7, undefined)
    // A second copy of the same bucket replaces the first and counts once.
    copies.keep(1, 657, 3, Float64Array.from({ length: 43 }, () => -1))
    for (const b of sources.values()) b.fill(9)
    expect(copies.size).toBe(1201)
    const seen = new Map<string, Float64Array | null>()
    for (const [kind, period, region, b] of copies.drain()) {
      const k = `${kind}/${period}/${region}`
      expect(seen.has(k)).toBe(false)
      seen.set(k, b && b.slice())
    }
    expect(copies.size).toBe(0)
    expect(seen.size).toBe(1201)
    expect(seen.get('0/20001/7')).toBeNull()
    expect([...seen.get('1/657/3')!]).toEqual(Array(43).fill(-1))
    expect([...seen.get('0/20000/599')!]).toEqual(Array.from({ length: 43 }, (_, i) => 59900 + i))
    expect([...seen.get('1/657/598')!]).toEqual(Array.from({ length: 43 }, (_, i) => 59810 + i))
    // Drained: nothing is handed out twice.
    expect([...copies.drain()]).toEqual([])
  })
})
