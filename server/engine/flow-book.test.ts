import { describe, expect, it } from 'vitest'
import type { StateRows } from '../store/event-store.ts'
import { FlowBook } from './flow-book.ts'
import { decodeSparse } from './sparse-codec.ts'

const rowsOf = (book: FlowBook): StateRows['buckets'] => {
  const source = book.capture()
  const out: StateRows['buckets'] = []
  while (source.fill(out, 3));
  return out
}
const chain = Int32Array.from([7, 2, 0])

describe('the day’s flow', () => {
  it('writes the values at the capture, reloads them, and deletes a day’s rows once it leaves', () => {
    const book = new FlowBook(10)
    book.advanceDay(100)
    book.add(chain, 100, 0, 1)
    book.add(chain, 100, 1, 1)
    book.add(Int32Array.from([5, 2, 0]), 99, 0, 2)
    const source = book.capture()
    // Changed after the capture: the rows keep the values at the capture.
    book.add(chain, 100, 0, 5)
    const rows: StateRows['buckets'] = []
    while (source.fill(rows, 2));
    const at = (day: number, region: number) => rows.find((r) => r.period === day && r.region === region)
    expect(rows.length).toBe(6)
    expect([...decodeSparse(at(100, 7)!.v!)]).toEqual([1, 1])
    expect([...decodeSparse(at(99, 0)!.v!)]).toEqual([2, 0])
    expect(book.of(7, 100)).toEqual([6, 1])

    const again = new FlowBook(10)
    again.load(
      rows.map((r) => ({ period: r.period, region: r.region, v: r.v! })),
      100,
    )
    expect(again.of(2, 100)).toEqual([1, 1])
    expect(again.of(2, 99)).toEqual([2, 0])

    // Two days on, both days leave: every region they counted gets a deleting row.
    book.advanceDay(102)
    const gone = rowsOf(book)
    expect(gone.map((r) => `${r.period}/${r.region}/${r.v}`).sort()).toEqual(['100/0/null', '100/2/null', '100/7/null', '99/0/null', '99/2/null', '99/5/null'])
    expect(book.of(7, 100)).toEqual([0, 0])
    expect(book.unsavedRows).toBe(0)
  })
})
