/** Changes and labels of the briefing pages: arrows, percentages and percentage points. */
import { RATE_KEYS, type DayFigureKey, type DayFigures } from '../../shared/briefing-types.ts'
import { fmtPct, relChange } from '../../shared/briefing-summary.ts'
import { COHORT_RATES, sampleEnough, type RateName } from '../../shared/kpi/rate-samples.ts'
import type { BriefingText } from './briefing-i18n.ts'
import { dateOf, timeOf } from '../../shared/time-windows.ts'

/** A change against a base: arrow direction, text, and whether it is good news (null: neither). */
export interface Change {
  dir: 'up' | 'down' | 'flat' | 'none'
  text: string
  good: boolean | null
}

/** Figures where a rise is bad news. */
const LOWER_IS_BETTER: ReadonlySet<DayFigureKey> = new Set(['open', 'overdue'])

/** Change of one figure: relative for counts, in percentage points for rates. */
export function figureChange(key: DayFigureKey, cur: DayFigures, base: DayFigures | null, tx: BriefingText): Change {
  if (!base) return { dir: 'none', text: '—', good: null }
  const a = cur[key]
  const b = base[key]
  if (a === null || b === null) return { dir: 'none', text: '—', good: null }
  if (RATE_KEYS.has(key)) {
    // A cohort rate compares days of different ages; a rate on few cases is noise: no arrow for either.
    if (COHORT_RATES.has(key as RateName)) return { dir: 'none', text: tx.t('notComparable'), good: null }
    if (!sampleEnough(cur.n[key as RateName]) || !sampleEnough(base.n[key as RateName])) return { dir: 'none', text: tx.t('fewCases'), good: null }
  }
  let delta: number
  let text: string
  if (RATE_KEYS.has(key)) {
    delta = Math.round((a - b) * 1000) / 10
    text = `${Math.abs(delta).toFixed(1)}${tx.t('pp')}`
  } else {
    const r = relChange(a, b)
    if (r === null) return a === 0 ? { dir: 'flat', text: '0', good: null } : { dir: 'up', text: `+${a}`, good: key === 'accepted' ? null : !LOWER_IS_BETTER.has(key) }
    delta = Math.round(r * 1000) / 10
    text = fmtPct(r)
  }
  if (delta === 0) return { dir: 'flat', text, good: null }
  const dir = delta > 0 ? 'up' : 'down'
  const good = key === 'accepted' ? null : LOWER_IS_BETTER.has(key) ? delta < 0 : delta > 0
  return { dir, text, good }
}

/** Arrow glyph of a direction. */
export const arrowOf = (dir: Change['dir']): string => ({ up: '▲', down: '▼', flat: '＝', none: '' })[dir]

/** `2026-11-21` → `2026年11月21日` / `2026-11-21`. */
export function longDate(date: string, lang: string): string {
  if (lang === 'en') return date
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** Beijing date and time `YYYY-MM-DD HH:MM` of an instant. */
export const clock = (ms: number): string => `${dateOf(ms)} ${timeOf(ms).slice(0, 5)}`
