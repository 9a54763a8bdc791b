/** Department checkpoint rows: the buckets and names at the capture, though they change while they are encoded. */
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../../shared/random.ts'
import type { StateRows } from '../store/event-store.ts'
import { DepartmentBook } from './department-book.ts'
import { NO_TABLES } from '../store/no-tables.ts'
import { memoryTables } from './memory-tables.testkit.ts'

/** State tables holding nothing: every read misses. */
const none = NO_TABLES
const TODAY = 20_600

/** A book with 3 hot days, holding changes to 40 regions over the last 10 days (most outside the hot window). */
function fed(): DepartmentBook {
  const b = new DepartmentBook({ cap: 12, hotDays: 3, retentionDays: 30 })
  b.tables = none
  b.advanceDay(TODAY)
  add(b, 1, 3000, 8)
  return b
}

/** `n` random changes by the first `names` departments of 40 regions over the last 10 days. */
function add(b: DepartmentBook, seed: number, n: number, names: number): void {
  const r = mulberry32(seed)
  for (let i = 0; i < n; i++) {
    const region = Math.floor(r() * 40)
    const slot = b.slot(region, `单位${Math.floor(r() * names)}`)
    b.add(region, slot, TODAY - Math.floor(r() * 10), Math.floor(r() * 11), 1)
  }
}

/** A capture's rows, `room` at a time, with `between(n)` run before slice `n`. */
function drain(b: DepartmentBook, room: number, between: (n: number) => void = () => {}): Map<string, string> {
  const { buckets, names } = b.capture()
  const rows: StateRows = { buckets: [], requests: [], kv: [] }
  for (let n = 0; ; n++) {
    between(n)
    const got = buckets.fill(rows.buckets, room)
    if (got + names.fill(rows.kv, room - got) === 0) break
  }
  const out = new Map<string, string>()
  const text = (v: Uint8Array | null) => (v ? Buffer.from(v).toString('base64') : '-')
  for (const x of rows.buckets) out.set(`${x.kind}/${x.period}/${x.region}`, text(x.v))
  for (const x of rows.kv) out.set(x.k, text(x.v))
  expect(out.size).toBe(rows.buckets.length + rows.kv.length)
  return out
}

describe('department rows', () => {
  it('are the buckets and names at the capture, though departments, counts and the day change while they are encoded', () => {
    const expected = drain(fed(), 20)
    const changing = fed()
    const got = drain(changing, 20, (n) => {
      // New departments widen the buckets; the same buckets count on; days leave the hot window.
      add(changing, 100 + n, 40, 12)
      if (n === 5) changing.advanceDay(TODAY + 2)
    })
    expect([...expected.keys()].filter((k) => k.startsWith('n:'))).toHaveLength(40)
    expect(expected.size).toBeGreaterThan(400)
    expect(got).toEqual(expected)
    // What changed meanwhile goes with the next capture.
    expect(changing.unsavedRows).toBeGreaterThan(40)
  })

  it('are the values at the capture when a bucket not changed since leaves memory before it is encoded', () => {
    const expected = drain(fed(), 20)
    const changing = fed()
    // Before the first slice, every day but the newest leaves the hot window.
    const got = drain(changing, 20, (n) => n === 0 && changing.advanceDay(TODAY + 3))
    expect(got).toEqual(expected)
  })
})

describe('department counters after a start', () => {
  const opts = { cap: 12, hotDays: 5, retentionDays: 62 }
  /** `n` random changes by 8 departments of 40 regions over the last 60 days, and `today`'s to regions 0–9. */
  const changes = (b: DepartmentBook, seed: number, n: number, days: number) => {
    const r = mulberry32(seed)
    for (let i = 0; i < n; i++) {
      const region = days === 1 ? Math.floor(r() * 10) : Math.floor(r() * 40)
      b.add(region, b.slot(region, `单位${Math.floor(r() * 8)}`), TODAY - Math.floor(r() * days), Math.floor(r() * 11), 1)
    }
  }
  const ranges = [
    [TODAY - 59, TODAY],
    [TODAY - 4, TODAY],
    [TODAY - 20, TODAY - 6],
    [TODAY, TODAY],
  ]
  const sums = (b: DepartmentBook) => Array.from({ length: 40 }, (_, region) => ranges.map(([from, to]) => [...b.sum(region, from, to)]))
  /** Writes a capture's buckets and names to `store`, as a checkpoint does. */
  const checkpoint = (b: DepartmentBook, store: ReturnType<typeof memoryTables>) => {
    const { buckets, names } = b.capture()
    store.write((max) => {
      const rows: StateRows = { buckets: [], requests: [], kv: [] }
      const n = buckets.fill(rows.buckets, max)
      return n + names.fill(rows.kv, max - n) ? rows : null
    })
    b.persisted()
  }
  const started = (store: ReturnType<typeof memoryTables>) => {
    const b = new DepartmentBook(opts)
    b.load(store.tables, TODAY)
    return b
  }

  it('are read bucket by bucket when first asked for, and sum as they did without the restart', () => {
    const all = new DepartmentBook(opts)
    all.tables = none
    all.advanceDay(TODAY)
    changes(all, 3, 4000, 60)
    changes(all, 4, 300, 1)

    const store = memoryTables()
    const first = new DepartmentBook(opts)
    first.load(store.tables, TODAY)
    changes(first, 3, 4000, 60)
    checkpoint(first, store)

    // After the start, today's changes read today and this month of the regions they change, once each.
    const second = started(store)
    let reads = 0
    const bucket = store.tables.bucket
    second.tables = { ...store.tables, bucket: (kind, period, region) => (reads++, bucket(kind, period, region)) }
    changes(second, 4, 300, 1)
    expect(reads).toBeGreaterThan(10)
    expect(reads).toBeLessThanOrEqual(2 * 10)
    expect(sums(second)).toEqual(sums(all))

    checkpoint(second, store)
    expect(sums(started(store))).toEqual(sums(all))
  })
})
