import { describe, expect, it } from 'vitest'
import { summaryTerms, topTerms } from './hot-words.ts'
import { maskPersonalData } from './mask.ts'
import { SpaceSaving } from './space-saving.ts'

describe('summary terms', () => {
  it('keeps words and adjacent pairs, drops stop words, digits and masked parts', () => {
    const terms = summaryTerms(maskPersonalData('胜利小区暖气不热，联系电话13912345678，我叫王建国'))
    expect(terms).toContain('暖气')
    expect(terms).toContain('不热')
    expect(terms).toContain('暖气不热')
    expect(terms).not.toContain('小区')
    expect(terms.some((t) => /\d|\*/.test(t))).toBe(false)
    expect(terms.some((t) => t.includes('建国'))).toBe(false)
  })
})

describe('top terms', () => {
  it('weights category words down, keeps a phrase over its words, and marks rising ones', () => {
    const counts = new Map([['供暖', 10], ['水管爆裂', 6], ['水管', 6], ['漏水', 4]])
    const top = topTerms(counts, 10, new Map([['漏水', 12]]), 6)
    expect(top.map((w) => w.word)).toEqual(['水管爆裂', '漏水', '供暖'])
    expect(top.find((w) => w.word === '供暖')!.weight).toBeCloseTo(3)
    // 6 against a base of 0 a day: rising; 4 against 2 a day: not (needs 2 × (2 + 1)).
    expect(top.find((w) => w.word === '水管爆裂')!.rising).toBe(true)
    expect(top.find((w) => w.word === '漏水')!.rising).toBe(false)
  })
})

describe('Space-Saving', () => {
  it('keeps every item above total/capacity, with count − error ≤ true count ≤ count', () => {
    const s = new SpaceSaving(10)
    const truth = new Map<string, number>()
    let x = 7
    for (let i = 0; i < 5000; i++) {
      x = (x * 48271) % 2147483647
      const item = x % 3 === 0 ? `hot${x % 4}` : `w${x % 400}`
      s.add(item)
      truth.set(item, (truth.get(item) ?? 0) + 1)
    }
    for (const [item, n] of truth) {
      if (n > 5000 / 10) expect(s.counts.has(item), item).toBe(true)
      if (!s.counts.has(item)) continue
      expect(s.counts.get(item)!).toBeGreaterThanOrEqual(n)
      expect(s.counts.get(item)! - (s.errors.get(item) ?? 0)).toBeLessThanOrEqual(n)
    }
    expect(s.counts.size).toBe(10)
  })
})
