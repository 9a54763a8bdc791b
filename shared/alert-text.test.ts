import { describe, expect, it } from 'vitest'
import { ALERT_TEXTS, alertText } from './alert-text.ts'
import type { Alert } from './alerts.ts'

const where = { region: '210302', regionName: '铁东区', at: 0 }
const surge: Alert = { id: 's', kind: 'surge', ...where, params: { place: '铁东区 · 解放街道', category: '供暖', count: 9, threshold: 5 } }

describe('alert text', () => {
  it('fills every placeholder of each template from the parameters', () => {
    const all: Alert[] = [
      surge,
      { id: 'u', kind: 'urgentOverdue', ...where, params: { requestId: 'GD1', category: '供暖', place: '铁东区' } },
      { id: 'd', kind: 'urgentOverdue', ...where, params: { requestId: 'GD1', category: '供暖', place: '铁东区', department: '热力公司' } },
      { id: 'f', kind: 'feedStale', ...where, params: { minutes: 12 } },
      { id: 'g', kind: 'feedStale', ...where, params: { minutes: 12, expected: 6 } },
    ]
    for (const lang of ['zh-CN', 'en'] as const) {
      const texts = all.map((a) => alertText(a, lang))
      for (const t of texts) expect(t).not.toMatch(/[{}]/)
      // Each alert uses its own template: five alerts, five texts.
      expect(new Set(texts).size).toBe(Object.keys(ALERT_TEXTS[lang]).length)
    }
    expect(alertText(all[2], 'zh-CN')).toBe('紧急工单GD1（供暖，铁东区）已超期未办结，承办单位：热力公司')
    expect(alertText(all[4], 'en')).toBe('Feed stale: no events ingested for 12 minutes (about 6 usual at this time)')
  })
  it('names places and categories as it is told, as they are by default', () => {
    expect(alertText(surge, 'zh-CN')).toBe('铁东区 · 解放街道近1小时供暖类诉求9件，超过阈值5件，疑似突发群体性诉求')
    const names = { region: (n: string) => `<${n}>`, category: (n: string) => `[${n}]` }
    expect(alertText(surge, 'en', names)).toBe('<铁东区 · 解放街道>: 9 [供暖] requests in the last hour, above the threshold of 5')
  })
})
