/**
 * Hand-checked closes without 办结 (无法办理, 撤回, 不予受理) in 解放社区 (铁东区), with the figures
 * worked out by hand below. NOW is Saturday 2026-11-21 12:00 Asia/Shanghai: yesterday is 11-20.
 */
import type { IngestEvent } from '../../shared/events.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'

export const NOW = '2026-11-21T12:00:00+08:00'
export const COMMUNITY = '210302002001'

let seq = 0
const at = (t: string) => `${t}+08:00`
const created = (requestId: string, t: string, urgency = 'normal'): IngestEvent =>
  ({ id: `k${++seq}`, type: 'request.created', at: at(t), requestId, region: COMMUNITY, category: '供暖', channel: 'hotline', urgency }) as IngestEvent
const life = (type: string, requestId: string, t: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({ id: `k${++seq}`, type, at: at(t), requestId, ...extra }) as IngestEvent

/** The events, in time order within each request. */
export function outcomeEvents(): IngestEvent[] {
  seq = 0
  return [
    // K1: dispatched, signed in 20 min, closed 无法办理: closed, not 办结, no department's 办结.
    created('K1', '2026-11-20T09:00:00'),
    life('request.dispatched', 'K1', '2026-11-20T09:10:00', { department: '区住建局' }),
    life('request.signed', 'K1', '2026-11-20T09:30:00'),
    life('request.completed', 'K1', '2026-11-20T15:00:00', { outcome: 'unresolvable' }),
    // K2: withdrawn before dispatch: not a direct answer.
    created('K2', '2026-11-20T10:00:00'),
    life('request.completed', 'K2', '2026-11-20T10:30:00', { outcome: 'withdrawn' }),
    // K3: rejected, reopened, dispatched (never signed: due at 16:10), 办结 today 09:00 (22 h after creation).
    created('K3', '2026-11-20T11:00:00'),
    life('request.completed', 'K3', '2026-11-20T11:20:00', { outcome: 'rejected' }),
    life('request.reopened', 'K3', '2026-11-20T12:00:00'),
    life('request.dispatched', 'K3', '2026-11-20T12:10:00', { department: '区住建局' }),
    life('request.completed', 'K3', '2026-11-21T09:00:00'),
    // K4: answered on the call, `resolved` spelled out.
    created('K4', '2026-11-20T08:00:00'),
    life('request.completed', 'K4', '2026-11-20T08:30:00', { outcome: 'resolved' }),
    // K5 (cohort 11-19, urgent: due 11-20 09:00): withdrawn late; a 办结 after it without a reopening changes nothing; its visit counts.
    created('K5', '2026-11-19T09:00:00', 'urgent'),
    life('request.completed', 'K5', '2026-11-20T14:00:00', { outcome: 'withdrawn' }),
    life('request.completed', 'K5', '2026-11-20T16:00:00'),
    life('request.visited', 'K5', '2026-11-20T18:00:00', { satisfaction: 'satisfied' }),
    // K6: open.
    created('K6', '2026-11-20T13:00:00'),
    // K7: 无法办理 and 办结 at the same instant: the total order puts 办结 first, whatever the arrival.
    created('K7', '2026-11-20T14:00:00'),
    life('request.completed', 'K7', '2026-11-20T17:00:00', { outcome: 'unresolvable' }),
    life('request.completed', 'K7', '2026-11-20T17:00:00'),
  ]
}

/** K1 (closed 无法办理) reopened, posted after a restart: the engine re-folds K1 from its stored row. */
export const reopenAfterRestart = (): IngestEvent =>
  ({ id: 'k-after', type: 'request.reopened', at: at('2026-11-21T10:00:00'), requestId: 'K1' }) as IngestEvent

/** The snapshot of 解放社区 (and every region above it) at NOW, the parts a close outcome touches. */
export const HAND = {
  yesterday: {
    // K1, K2, K3, K4, K6, K7.
    accepted: 6,
    // K4 08:30, K7 17:00 (K5's 16:00 follows its withdrawal, not a reopening).
    completed: 2,
    // K3, K4, K7 of 6.
    completionRate: 3 / 6,
    // K1, K2 (K3 was reopened and is 办结 now).
    closedUnresolved: 2,
    onTimeRate: 1,
    // K4 and K7, not dispatched; K2 withdrawn is no answer.
    directAnswerRate: 2 / 6,
    // K1 signed in time; K3's dispatch passed its 4 h unsigned.
    timelySignRate: 1 / 2,
    satisfactionRate: 1,
    reopened: 1,
    avgHandleHours: (0.5 + 3) / 2,
    n: { completionRate: 6, onTimeRate: 2, satisfactionRate: 1, directAnswerRate: 6, timelySignRate: 2 },
  },
  today: { accepted: 0, completed: 1, closedUnresolved: 0, onTimeRate: 1, avgHandleHours: 22 },
  ytd: { accepted: 7, completed: 3, completionRate: 3 / 7, closedUnresolved: 3 },
  open: 1,
  overdue: 0,
  // Cohort 11-19 (K5): never 办结 first; 11-20 is not mature yet.
  last7h24: { rate: 0, n: 1, done: 0, from: '2026-11-15', to: '2026-11-19' },
}

/** The same after `reopenAfterRestart`: K1 open again, no longer closed without 办结. */
export const HAND_AFTER_REOPEN = {
  ...HAND,
  yesterday: { ...HAND.yesterday, closedUnresolved: 1 },
  ytd: { ...HAND.ytd, closedUnresolved: 2 },
  today: { ...HAND.today, reopened: 1 },
  open: 2,
}

/** The parts of a snapshot that `want` holds. */
export function outcomeFigures(s: Snapshot, want: typeof HAND = HAND) {
  const pick = <T extends object>(from: object, like: T) => Object.fromEntries(Object.keys(like).map((k) => [k, (from as Record<string, unknown>)[k]])) as T
  return {
    yesterday: pick(s.windows.yesterday, want.yesterday),
    today: pick(s.windows.today, want.today),
    ytd: pick(s.windows.ytd, want.ytd),
    open: s.open,
    overdue: s.overdue,
    last7h24: s.cohort!.last7.h24,
  }
}
