import { describe, expect, it } from 'vitest'
import { BucketPool, SlabPool } from './bucket-pool.ts'

describe('slab pools', () => {
  it('carve buckets from one buffer per slab, and hand a released bucket out again zeroed', () => {
    const pool = new SlabPool<Uint16Array>((n) => new Uint16Array(n), 192, 4)
    const a = Array.from({ length: 5 }, () => pool.alloc())
    // Four share one slab; the fifth starts the next.
    expect(new Set(a.map((b) => b.buffer)).size).toBe(2)
    a[1][7] = 3
    a[1][191] = 9
    // No bucket overlaps another.
    expect(a[0][191] + a[2][0]).toBe(0)
    pool.release(a[1])
    const again = pool.alloc()
    expect(again.buffer).toBe(a[1].buffer)
    expect(again.byteOffset).toBe(a[1].byteOffset)
    expect(again.every((x) => x === 0)).toBe(true)
  })

  it('leaves to the collector a bucket it did not carve', () => {
    const pool = new BucketPool(43, 4)
    pool.release(new Float64Array(43).fill(1))
    const b = pool.alloc()
    expect(b.buffer.byteLength).toBe(43 * 4 * 8)
  })
})
