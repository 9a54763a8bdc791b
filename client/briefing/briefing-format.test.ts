import { describe, expect, it } from 'vitest'
import type { DayFigures } from '../../shared/briefing-types.ts'
import { briefingText } from './briefing-i18n.ts'
import { arrowOf, figureChange, longDate } from './briefing-format.ts'
import { parseUnicodeRange } from './font-embed.ts'

const day = (over: Partial<DayFigures> = {}): DayFigures => ({
  accepted: 110, completed: 90, completionRate: 0.95, closedUnresolved: 1, onTimeRate: 0.9, satisfactionRate: null, directAnswerRate: 0.3, timelySignRate: 0.8, open: 50, overdue: 4,
  n: { completionRate: 110, onTimeRate: 90, satisfactionRate: 0, directAnswerRate: 110, timelySignRate: 80 }, ...over,
})
const tx = briefingText('zh-CN')

describe('figureChange', () => {
  it('gives counts as relative changes and rates in percentage points', () => {
    expect(figureChange('accepted', day(), day({ accepted: 100 }), tx)).toEqual({ dir: 'up', text: '10.0%', good: null })
    expect(figureChange('onTimeRate', day(), day({ onTimeRate: 0.92 }), tx)).toEqual({ dir: 'down', text: '2.0个百分点', good: false })
    // 办结率 of two days compares cohorts of different ages: never an arrow.
    expect(figureChange('completionRate', day(), day({ completionRate: 0.97 }), tx)).toEqual({ dir: 'none', text: '批次不同，不作比较', good: null })
    // One request: 样本不足, no ±100 pp arrow.
    const one = day({ onTimeRate: 0, n: { ...day().n, onTimeRate: 1 } })
    expect(figureChange('onTimeRate', one, day({ onTimeRate: 1 }), tx)).toEqual({ dir: 'none', text: '样本不足', good: null })
    expect(figureChange('overdue', day(), day({ overdue: 8 }), tx)).toEqual({ dir: 'down', text: '50.0%', good: true })
  })

  it('has no change without a base, a rate, or a figure', () => {
    expect(figureChange('accepted', day(), null, tx).dir).toBe('none')
    expect(figureChange('satisfactionRate', day(), day(), tx).dir).toBe('none')
    expect(figureChange('overdue', day({ overdue: 0 }), day({ overdue: 0 }), tx).dir).toBe('flat')
    expect(arrowOf('up')).toBe('▲')
  })

  it('writes dates the Chinese way', () => {
    expect(longDate('2026-11-21', 'zh-CN')).toBe('2026年11月21日')
  })
})

describe('parseUnicodeRange', () => {
  it('reads single points, ranges and wildcards', () => {
    expect(parseUnicodeRange('U+4E00-4E0F, U+3000, U+30??')).toEqual([
      [0x4e00, 0x4e0f],
      [0x3000, 0x3000],
      [0x3000, 0x30ff],
    ])
  })
})
