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

  /** The definition, by a scan: the smallest count gives way, the smallest item among equals. */
  class PlainSpaceSaving {
    readonly counts = new Map<string, number>()
    readonly errors = new Map<string, number>()
    constructor(readonly capacity: number) {}
    add(item: string, by = 1): void {
      const c = this.counts.get(item)
      if (c !== undefined) return void this.counts.set(item, c + by)
      if (this.counts.size < this.capacity) return void this.counts.set(item, by)
      let victim = ''
      let min = Infinity
      for (const [k, v] of this.counts) if (v < min || (v === min && k < victim)) [victim, min] = [k, v]
      this.counts.delete(victim)
      this.errors.delete(victim)
      this.counts.set(item, min + by)
      this.errors.set(item, min)
    }
  }

  it('gives way exactly as the definition does, and a restored sketch goes on the same', () => {
    const s = new SpaceSaving(16)
    const plain = new PlainSpaceSaving(16)
    let x = 11
    const next = () => (x = (x * 48271) % 2147483647)
    for (let i = 0; i < 20_000; i++) {
      const item = next() % 5 === 0 ? `hot${x % 6}` : `w${x % 300}`
      const by = x % 7 === 0 ? 2 : 1
      s.add(item, by)
      plain.add(item, by)
    }
    const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1))
    expect(sorted(s.counts)).toEqual(sorted(plain.counts))
    expect(sorted(s.errors)).toEqual(sorted(plain.errors))
    const restored = SpaceSaving.from(16, s.entries())
    for (let i = 0; i < 5000; i++) {
      const item = `w${next() % 300}`
      restored.add(item)
      plain.add(item)
    }
    expect(sorted(restored.counts)).toEqual(sorted(plain.counts))
    expect(sorted(restored.errors)).toEqual(sorted(plain.errors))
  })
})
