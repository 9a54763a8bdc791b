/**
 * Hand-checked cohorts for 24小时/72小时办结率 and patrols for 最近巡查 (in 解放社区, 铁东区), with
 * the figures worked out by hand below. NOW is Saturday 2026-11-21 12:00 Asia/Shanghai: the last
 * cohort mature for 24 h is 11-19 (it ended 11-20 00:00, 36 h ago), for 72 h 11-17.
 */
import type { IngestEvent } from '../../shared/events.ts'

export const NOW = '2026-11-21T12:00:00+08:00'
export const COMMUNITY = '210302002001'
export const GRID_A = '210302002001001'
export const GRID_B = '210302002001002'

let seq = 0
const at = (t: string) => `${t}+08:00`
const created = (requestId: string, t: string): IngestEvent =>
  ({ id: `c${++seq}`, type: 'request.created', at: at(t), requestId, region: COMMUNITY, category: '供暖', channel: 'hotline', urgency: 'normal' }) as IngestEvent
const life = (type: string, requestId: string, t: string): IngestEvent => ({ id: `c${++seq}`, type, at: at(t), requestId }) as IngestEvent
const patrol = (grid: string, t: string): IngestEvent => ({ id: `c${++seq}`, type: 'grid.patrol', at: at(t), grid, worker: '网格员甲' }) as IngestEvent

/** The events, in time order within each request. */
export function cohortEvents(): IngestEvent[] {
  seq = 0
  return [
    // Cohort 11-19: n = 5 (A6 invalidated is no request), 24 h: A1, A2, A5 → 3; 72 h: + A3 → 4.
    created('A1', '2026-11-19T08:00:00'),
    life('request.completed', 'A1', '2026-11-19T20:00:00'),
    created('A2', '2026-11-19T22:00:00'),
    life('request.completed', 'A2', '2026-11-20T21:59:00'),
    created('A3', '2026-11-19T10:00:00'),
    life('request.completed', 'A3', '2026-11-20T10:00:01'),
    created('A4', '2026-11-19T11:00:00'),
    // First 办结 within the hour counts, though reopened and completed again two days later.
    created('A5', '2026-11-19T12:00:00'),
    life('request.completed', 'A5', '2026-11-19T13:00:00'),
    life('request.reopened', 'A5', '2026-11-19T14:00:00'),
    life('request.completed', 'A5', '2026-11-21T09:00:00'),
    created('A6', '2026-11-19T15:00:00'),
    life('request.invalidated', 'A6', '2026-11-19T15:30:00'),
    // Cohort 11-18: n = 2, 24 h: B2 → 1; 72 h: 2.
    created('B1', '2026-11-18T09:00:00'),
    life('request.completed', 'B1', '2026-11-20T08:00:00'),
    created('B2', '2026-11-18T09:30:00'),
    life('request.completed', 'B2', '2026-11-18T10:00:00'),
    // Cohort 11-17: n = 3, 24 h: C3 → 1; 72 h: C1, C3 → 2 (C2 a second late).
    created('C1', '2026-11-17T09:00:00'),
    life('request.completed', 'C1', '2026-11-20T08:59:00'),
    created('C2', '2026-11-17T10:00:00'),
    life('request.completed', 'C2', '2026-11-20T10:00:01'),
    created('C3', '2026-11-17T23:30:00'),
    life('request.completed', 'C3', '2026-11-18T00:30:00'),
    // Yesterday and today: not mature.
    created('D1', '2026-11-20T09:00:00'),
    life('request.completed', 'D1', '2026-11-20T10:00:00'),
    created('E1', '2026-11-21T09:00:00'),
    // 11-12 (a week before 11-19): n = 1, 24 h 1. 11-10 (a week before 11-17): n = 1, 72 h 0.
    created('F1', '2026-11-12T10:00:00'),
    life('request.completed', 'F1', '2026-11-12T11:00:00'),
    created('G1', '2026-11-10T08:00:00'),
    life('request.completed', 'G1', '2026-11-14T08:00:00'),
    // Patrols: grid A last at 11-21 08:00 (an older one arrives after it), grid B at 11-19 09:00.
    patrol(GRID_A, '2026-11-21T08:00:00'),
    patrol(GRID_A, '2026-11-20T10:00:00'),
    patrol(GRID_B, '2026-11-19T09:00:00'),
  ]
}

const rate = (done: number, n: number, from: string | null, to: string | null) => ({ rate: n > 0 ? done / n : null, n, done, from, to })
const none = rate(0, 0, null, null)

/** The snapshot's cohort windows of 解放社区 (and every region above it) at NOW. */
export const HAND_WINDOWS = {
  today: { h24: none, h72: none },
  yesterday: { h24: none, h72: none },
  // 11-15..11-21: 24 h over 11-15..11-19 (cohorts 11-17, 11-18, 11-19), 72 h over 11-15..11-17.
  last7: { h24: rate(5, 10, '2026-11-15', '2026-11-19'), h72: rate(2, 3, '2026-11-15', '2026-11-17') },
  // With 11-10 and 11-12.
  month: { h24: rate(6, 12, '2026-11-01', '2026-11-19'), h72: rate(3, 5, '2026-11-01', '2026-11-17') },
  ytd: { h24: rate(6, 12, '2026-01-01', '2026-11-19'), h72: rate(3, 5, '2026-01-01', '2026-11-17') },
}

/** The briefing of 11-20: 24 h of cohort 11-19 vs 11-18 and 11-12; 72 h of 11-17 vs 11-16 and 11-10. */
export const HAND_BRIEFING = [
  {
    hours: 24,
    cohort: { date: '2026-11-19', rate: rate(3, 5, '2026-11-19', '2026-11-19') },
    prevDay: { date: '2026-11-18', rate: rate(1, 2, '2026-11-18', '2026-11-18') },
    lastWeek: { date: '2026-11-12', rate: rate(1, 1, '2026-11-12', '2026-11-12') },
  },
  {
    hours: 72,
    cohort: { date: '2026-11-17', rate: rate(2, 3, '2026-11-17', '2026-11-17') },
    prevDay: { date: '2026-11-16', rate: rate(0, 0, '2026-11-16', '2026-11-16') },
    lastWeek: { date: '2026-11-10', rate: rate(0, 1, '2026-11-10', '2026-11-10') },
  },
]

/** 最近巡查 at NOW. */
export const HAND_PATROL = {
  gridA: Date.parse('2026-11-21T08:00:00+08:00'),
  gridB: Date.parse('2026-11-19T09:00:00+08:00'),
}
