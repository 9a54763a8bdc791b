import { describe, expect, it } from 'vitest'
import { mulberry32 } from './random.ts'
import { TimeHeap } from './time-heap.ts'

const drain = <T>(h: TimeHeap<T>): T[] => {
  const out: T[] = []
  for (let x = h.pop(); x !== undefined; x = h.pop()) out.push(x)
  return out
}

describe('the time heap', () => {
  it('is empty at first: size 0, no time, nothing to pop', () => {
    const h = new TimeHeap<string>()
    expect(h.size).toBe(0)
    expect(h.peekTime()).toBe(Infinity)
    expect(h.pop()).toBeUndefined()
  })
  it('pops earliest first, equal times in the order they were pushed', () => {
    const h = new TimeHeap<string>()
    h.push(30, 'c')
    h.push(10, 'a1')
    h.push(20, 'b')
    h.push(10, 'a2')
    h.push(10, 'a3')
    expect(h.peekTime()).toBe(10)
    expect(h.size).toBe(5)
    expect(drain(h)).toEqual(['a1', 'a2', 'a3', 'b', 'c'])
    expect(h.size).toBe(0)
  })
  it('orders thousands of random times like a stable sort, with pushes between pops', () => {
    const rnd = mulberry32(3)
    const h = new TimeHeap<number>()
    const pushed: { t: number; i: number }[] = []
    const popped: number[] = []
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rnd() * 500)
      h.push(t, i)
      pushed.push({ t, i })
      if (i % 3 === 2) popped.push(h.pop()!)
    }
    popped.push(...drain(h))
    // Each pop is the earliest of what was in the heap then: replay with a sorted list.
    const pending: { t: number; i: number }[] = []
    const expected: number[] = []
    for (const p of pushed) {
      pending.push(p)
      if (p.i % 3 === 2) {
        pending.sort((a, b) => a.t - b.t || a.i - b.i)
        expected.push(pending.shift()!.i)
      }
    }
    pending.sort((a, b) => a.t - b.t || a.i - b.i)
    expected.push(...pending.map((p) => p.i))
    expect(popped).toEqual(expected)
  })
})
