import { describe, expect, it } from 'vitest'
import { childFigures } from '../test-fixtures/snapshot.ts'
import { rankChildren } from './ranking.ts'

const a = childFigures('01', 'A', { acceptedToday: 10, completionRate: 0.9, overdue: 1 })
const b = childFigures('02', 'B', { acceptedToday: 30, completionRate: null, overdue: 7 })
const c = childFigures('03', 'C', { acceptedToday: 20, completionRate: 0.5, overdue: 0 })

describe('rankChildren', () => {
  it('ranks by volume, completion (nulls last) or overdue', () => {
    expect(rankChildren([a, b, c], 'volume').map((x) => x.name)).toEqual(['B', 'C', 'A'])
    expect(rankChildren([a, b, c], 'completion').map((x) => x.name)).toEqual(['A', 'C', 'B'])
    expect(rankChildren([a, b, c], 'overdue').map((x) => x.name)).toEqual(['B', 'A', 'C'])
  })
  it('orders a night with no requests today by 超期, then the year, not at random', () => {
    const night = [
      childFigures('01', 'A', { acceptedToday: 0, overdue: 0, acceptedYtd: 900 }),
      childFigures('02', 'B', { acceptedToday: 0, overdue: 3, acceptedYtd: 100 }),
      childFigures('03', 'C', { acceptedToday: 0, overdue: 0, acceptedYtd: 5000 }),
    ]
    expect(rankChildren(night, 'volume').map((x) => x.name)).toEqual(['B', 'C', 'A'])
  })
  it('does not reorder its input', () => {
    const list = [a, b, c]
    rankChildren(list, 'volume')
    expect(list.map((x) => x.name)).toEqual(['A', 'B', 'C'])
  })
})
