import { describe, expect, it } from 'vitest'
import type { Alert } from '../../shared/alerts.ts'
import { alertFromState, type LegacyAlert } from './alert-state.ts'

const where = { region: '210302', regionName: '铁东区 · 解放街道', at: 1000 }

describe('alerts read back from a checkpoint', () => {
  it('keeps an alert that has its parameters', () => {
    const a: Alert = { id: 'f', kind: 'feedStale', ...where, params: { minutes: 12 }, ackedAt: 2000 }
    expect(alertFromState(a)).toBe(a)
  })

  it('converts the written-out alerts of older checkpoints', () => {
    const legacy = (over: Partial<LegacyAlert>): LegacyAlert => ({ id: 'x', kind: 'surge', ...where, message: '', messageEn: '', ...over })
    expect(alertFromState(legacy({ category: '供暖', count: 14, threshold: 10, ackedAt: 5 }))).toEqual({
      id: 'x', kind: 'surge', ...where, ackedAt: 5, params: { place: '铁东区 · 解放街道', category: '供暖', count: 14, threshold: 10 },
    })
    expect(alertFromState(legacy({ kind: 'urgentOverdue', requestId: 'GD1', category: '供暖', message: '紧急工单GD1（供暖，铁东区 · 解放街道）已超期未办结，承办单位：热力公司' }))).toEqual({
      id: 'x', kind: 'urgentOverdue', ...where, params: { requestId: 'GD1', category: '供暖', place: '铁东区 · 解放街道', department: '热力公司' },
    })
    expect(alertFromState(legacy({ kind: 'feedStale', messageEn: 'Feed stale: no events ingested for 25 minutes (about 7 usual at this time)' }))).toEqual({
      id: 'x', kind: 'feedStale', ...where, params: { minutes: 25, expected: 7 },
    })
    expect(alertFromState(legacy({ kind: 'feedStale', messageEn: 'Feed stale: no events ingested for 25 minutes' })).params).toEqual({ minutes: 25 })
  })
})
