import { describe, expect, it } from 'vitest'
import { feedStatus, staleAfterMs } from './feed-status.ts'
import { nextTourStop } from './tour.ts'

describe('feedStatus', () => {
  it('is connecting before the first snapshot, offline when the socket is down', () => {
    expect(feedStatus(true, null, 0, 1000)).toBe('connecting')
    expect(feedStatus(false, null, 0, 1000)).toBe('offline')
    expect(feedStatus(false, 1000, 1500, 1000)).toBe('offline')
  })
  it('turns quiet after four silent ticks (a quiet region gets a heartbeat every two)', () => {
    expect(feedStatus(true, 0, 4000, 1000)).toBe('live')
    expect(feedStatus(true, 0, 4001, 1000)).toBe('quiet')
    expect(feedStatus(true, 0, 20_000, 5000)).toBe('live')
    expect(feedStatus(true, 0, 20_001, 5000)).toBe('quiet')
  })
  it('treats accelerated ticks as one second', () => expect(staleAfterMs(50)).toBe(4000))
})

describe('nextTourStop', () => {
  it('cycles base → children → base', () => {
    expect(nextTourStop('a', ['b', 'c'], 'a')).toBe('b')
    expect(nextTourStop('a', ['b', 'c'], 'c')).toBe('a')
    expect(nextTourStop('a', [], 'a')).toBe('a')
    expect(nextTourStop('a', ['b'], 'zz')).toBe('a')
  })
})
