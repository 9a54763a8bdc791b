/**
 * A hand-checked day and a half of five requests for the department figures, the stage board and
 * the flow (in 解放社区, 铁东区), with the figures worked out by hand below. Times are Asia/Shanghai.
 */
import type { IngestEvent } from '../../shared/events.ts'

export const COMMUNITY = '210302002001'
export const DISTRICT = '210302'
export const STREET = '210302002'
export const OTHER_DISTRICT = '210303'
export const NOW = '2026-11-21T12:00:00+08:00'

let seq = 0
const at = (t: string) => `${t}+08:00`
const created = (requestId: string, t: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({ id: `h${++seq}`, type: 'request.created', at: at(t), requestId, region: COMMUNITY, category: '供暖', channel: 'hotline', urgency: 'normal', summary: '胜利小区暖气不热', ...extra }) as IngestEvent
const life = (type: string, requestId: string, t: string, extra: Record<string, unknown> = {}): IngestEvent =>
  ({ id: `h${++seq}`, type, at: at(t), requestId, ...extra }) as IngestEvent

/** The events, in time order. */
export function handDay(): IngestEvent[] {
  seq = 0
  return [
    // R1: returned by 区住建局 within 50 min (no sign-for due), completed by 市供热办 on time, visited satisfied.
    created('R1', '2026-11-20T09:00:00'),
    life('request.dispatched', 'R1', '2026-11-20T09:10:00', { department: '区住建局' }),
    life('request.returned', 'R1', '2026-11-20T10:00:00', { department: '区住建局', reason: '非本单位职责' }),
    life('request.dispatched', 'R1', '2026-11-20T10:30:00', { department: '市供热办' }),
    life('request.signed', 'R1', '2026-11-20T11:00:00', { department: '市供热办' }),
    life('request.completed', 'R1', '2026-11-21T10:00:00'),
    life('request.visited', 'R1', '2026-11-21T11:00:00', { satisfaction: 'satisfied' }),
    // R2: signed 4 h 50 min after dispatch (late), still open past its deadline.
    created('R2', '2026-11-20T14:00:00', { deadline: at('2026-11-21T08:00:00'), category: '供水' }),
    life('request.dispatched', 'R2', '2026-11-20T14:10:00', { department: '区住建局' }),
    life('request.signed', 'R2', '2026-11-20T19:00:00'),
    // R3: urgent, not signed 2 h 55 min after dispatch (the 1 h limit has passed).
    created('R3', '2026-11-21T09:00:00', { urgency: 'urgent', category: '燃气' }),
    life('request.dispatched', 'R3', '2026-11-21T09:05:00', { department: '市供热办' }),
    // R4: completed by 鞍山燃气集团 in 2 h, then reopened.
    created('R4', '2026-11-21T09:30:00', { category: '燃气', summary: '单元门口燃气泄漏有异味' }),
    life('request.dispatched', 'R4', '2026-11-21T09:40:00', { department: '鞍山燃气集团' }),
    life('request.completed', 'R4', '2026-11-21T11:40:00'),
    life('request.reopened', 'R4', '2026-11-21T11:50:00'),
    // R5: waiting for dispatch; created in another district.
    created('R5', '2026-11-21T10:00:00', { region: '210303002001' }),
  ]
}

const rate = (value: number | null, n: number) => ({ value, n })
const row = (name: string, r: Partial<Record<string, unknown>>) => ({
  name,
  dispatched: 0,
  signed: 0,
  completed: 0,
  returned: 0,
  reopened: 0,
  timelySignRate: rate(null, 0),
  onTimeRate: rate(null, 0),
  returnRate: rate(null, 0),
  satisfactionRate: rate(null, 0),
  avgHandleHours: null,
  open: 0,
  overdue: 0,
  ...r,
})

/** 铁东区's departments by hand, at NOW. */
export const HAND = {
  today: [
    // 按时办结率 1, one completion and one dispatch each: by name (pinyin), 鞍山 before 市.
    row('鞍山燃气集团', { dispatched: 1, completed: 1, reopened: 1, onTimeRate: rate(1, 1), returnRate: rate(0, 1), avgHandleHours: 2, open: 1 }),
    row('市供热办', { dispatched: 1, completed: 1, timelySignRate: rate(0, 1), onTimeRate: rate(1, 1), returnRate: rate(0, 1), satisfactionRate: rate(1, 1), avgHandleHours: 23.5, open: 1 }),
    row('区住建局', { open: 1, overdue: 1 }),
  ],
  yesterday: [
    row('区住建局', { dispatched: 2, signed: 1, returned: 1, timelySignRate: rate(0, 1), returnRate: rate(0.5, 2), open: 1, overdue: 1 }),
    row('市供热办', { dispatched: 1, signed: 1, timelySignRate: rate(1, 1), returnRate: rate(0, 1), open: 1 }),
    // Open now: shown in every window.
    row('鞍山燃气集团', { open: 1 }),
  ],
  stagesCity: { awaitingDispatch: { lt1h: 0, lt24h: 1, lt3d: 0, older: 0 }, awaitingSign: { lt1h: 0, lt24h: 1, lt3d: 0, older: 0 }, handling: { lt1h: 0, lt24h: 1, lt3d: 0, older: 0 }, returned: { lt1h: 0, lt24h: 0, lt3d: 0, older: 0 }, awaitingVisit: { lt1h: 0, lt24h: 0, lt3d: 0, older: 0 }, reopened: { lt1h: 1, lt24h: 0, lt3d: 0, older: 0 } },
  flowCity: { today: { accepted: 3, dispatched: 2, signed: 0, completed: 2, visited: 1 }, yesterday: { accepted: 2, dispatched: 3, signed: 2, completed: 0, visited: 0 } },
}
