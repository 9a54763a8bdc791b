/**
 * The summary's sentence on 24小时/72小时办结率 (`cohortRates` of the briefing): the latest cohort
 * mature at the day's end, with its n, against the cohort a day before and a week before. The
 * three had the same N hours, so the change in percentage points is fair. As for the other rates
 * (`rate-samples.ts`): under the 样本不足 threshold the rate reads 样本不足 with its n, and no change
 * is given for it or against a base under the threshold.
 */
import type { Briefing } from './briefing-types.ts'
import type { CohortComparison, CohortRate } from './cohort-types.ts'
import { sampleEnough } from './kpi/rate-samples.ts'

type Lang = 'zh-CN' | 'en'

const count = (n: number): string => Math.round(n).toLocaleString('en-US')
const pct = (r: number): string => `${(r * 100).toFixed(1)}%`

/** `YYYY-MM-DD` → `11月19日` / `Nov 19`. */
function dateLabel(date: string, lang: Lang): string {
  if (lang === 'en') return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日`
}

/** The change in percentage points from `base` to `cur`, rounded as printed, or null when either may not be compared. */
export function cohortChangePp(cur: CohortRate, base: CohortRate | null): number | null {
  if (!base || cur.rate === null || base.rate === null || !sampleEnough(cur.n) || !sampleEnough(base.n)) return null
  return Math.round((cur.rate - base.rate) * 1000) / 10
}

function change(pp: number | null, label: string, lang: Lang): string | null {
  if (pp === null) return null
  if (lang === 'en') return pp === 0 ? `flat ${label}` : `${pp > 0 ? 'up' : 'down'} ${Math.abs(pp).toFixed(1)} pp ${label}`
  return pp === 0 ? `${label}持平` : `${label}${pp > 0 ? '上升' : '下降'}${Math.abs(pp).toFixed(1)}个百分点`
}

function clause(c: CohortComparison, lang: Lang): string | null {
  const r = c.cohort.rate
  // Outside the kept history, or no request that day: nothing to say.
  if (!r || r.rate === null || r.n === 0) return null
  const when = dateLabel(c.cohort.date, lang)
  if (!sampleEnough(r.n)) {
    return lang === 'en' ? `${c.hours}-hour completion (requests of ${when}) too few cases (n=${count(r.n)})` : `${c.hours}小时办结率（${when}受理）样本不足（样本${count(r.n)}）`
  }
  const changes = [
    change(cohortChangePp(r, c.prevDay.rate), lang === 'en' ? 'on the day before' : '较前一日', lang),
    change(cohortChangePp(r, c.lastWeek.rate), lang === 'en' ? 'on the same day a week before' : '较上周同日', lang),
  ].filter(Boolean)
  if (lang === 'en') return `${c.hours}-hour completion (requests of ${when}) ${pct(r.rate)} (n=${count(r.n)})${changes.length ? `, ${changes.join(', ')}` : ''}`
  return `${c.hours}小时办结率（${when}受理）${pct(r.rate)}（样本${count(r.n)}）${changes.length ? `，${changes.join('，')}` : ''}`
}

/** The sentence (one paragraph, or none when no cohort has figures) for the summary in `lang`. */
export function cohortSentence(b: Briefing, lang: Lang): string[] {
  const parts = b.cohortRates.flatMap((c) => clause(c, lang) ?? [])
  if (!parts.length) return []
  return [lang === 'en' ? `${parts.join('; ')}.` : `${parts.join('；')}。`]
}
