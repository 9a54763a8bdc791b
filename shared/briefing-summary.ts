/** The written summary of a briefing (Chinese and English), from templates over its figures only. */
import type { Briefing, DayFigures } from './briefing-types.ts'
import { CATEGORY_EN, type Category } from './categories.ts'
import { MATURE_WINDOW, sampleEnough, type RateName } from './kpi/rate-samples.ts'
import { cohortSentence } from './briefing-cohort-sentence.ts'

/** Languages of the summary. */
export type SummaryLang = 'zh-CN' | 'en'

/** A count with thousands separators: 1523 → "1,523". */
export const fmtCount = (n: number): string => Math.round(n).toLocaleString('en-US')

/** A fraction as a percentage with one decimal, no sign: 0.2712 → "27.1%". */
export const fmtPct = (r: number): string => `${(Math.abs(r) * 100).toFixed(1)}%`

/** Relative change from `base` to `cur`, or null when there is no base. */
export const relChange = (cur: number, base: number | null | undefined): number | null => (base ? (cur - base) / base : null)

/** Rounds like the printed percentage, so "0.0%" reads as flat. */
const flat = (r: number): boolean => Math.abs(r) < 0.0005

/** `YYYY-MM-DD` → `11月21日` / `Nov 21`. */
function dayLabel(date: string, lang: SummaryLang): string {
  const [, m, d] = date.split('-').map(Number)
  if (lang === 'en') return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${d}`
  return `${m}月${d}日`
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** Whether `date` is the day before `today` (both YYYY-MM-DD). */
function isYesterday(date: string, today: string): boolean {
  return Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`) === 86_400_000
}

function zhChange(r: number | null, label: string): string | null {
  if (r === null) return null
  if (flat(r)) return `${label}持平`
  return `${label}${r > 0 ? '上升' : '下降'}${fmtPct(r)}`
}

function enChange(r: number | null, label: string): string | null {
  if (r === null) return null
  if (flat(r)) return `flat ${label}`
  return `${r > 0 ? 'up' : 'down'} ${fmtPct(r)} ${label}`
}

/** A rate with its sample: `办结率98.1%（样本1,523）`, or `满意率样本不足（样本3）` under the threshold. */
function rateText(d: DayFigures, k: RateName, name: string, lang: SummaryLang): string | null {
  const v = d[k]
  if (v === null) return null
  const n = d.n[k]
  if (lang === 'en') return sampleEnough(n) ? `${name} ${fmtPct(v)} (n=${fmtCount(n)})` : `${name} too few cases (n=${fmtCount(n)})`
  return sampleEnough(n) ? `${name}${fmtPct(v)}（样本${fmtCount(n)}）` : `${name}样本不足（样本${fmtCount(n)}）`
}

/** The hot community worth naming: not the briefing's own region (a community is not its own hotspot). */
const hotOf = (b: Briefing) => b.hotCommunities.find((h) => h.code !== b.region.code)

const RATES_ZH: [RateName, string][] = [
  ['completionRate', '办结率'],
  ['onTimeRate', '按时办结率'],
  ['satisfactionRate', '满意率'],
  ['directAnswerRate', '直接答复率'],
  ['timelySignRate', '及时签收率'],
]
const RATES_EN: [RateName, string][] = [
  ['completionRate', 'completion'],
  ['onTimeRate', 'on time'],
  ['satisfactionRate', 'satisfaction'],
  ['directAnswerRate', 'direct answer'],
  ['timelySignRate', 'timely sign-for'],
]

/** Paragraphs of the summary; every number in them is a figure of `b` (counts, rates, changes, dates). */
export function briefingSummary(b: Briefing, lang: SummaryLang = 'zh-CN'): string[] {
  return lang === 'en' ? summaryEn(b) : summaryZh(b)
}

function summaryZh(b: Briefing): string[] {
  const d = b.day
  const out: string[] = []
  const when = isYesterday(b.date, b.today)
    ? `昨日（${dayLabel(b.date, 'zh-CN')}，${WEEKDAY_ZH[b.weekday]}）`
    : `${dayLabel(b.date, 'zh-CN')}（${WEEKDAY_ZH[b.weekday]}）`
  const changes = [
    zhChange(relChange(d.accepted, b.prevDay.figures?.accepted), '环比'),
    zhChange(relChange(d.accepted, b.lastWeek.figures?.accepted), '较上周同日'),
  ].filter(Boolean)
  const top = b.categories.slice(0, 3).map((c) => `${c.category}类${fmtCount(c.accepted)}件，占${fmtPct(c.share)}`)
  out.push(
    `${when}${b.scopeName}受理群众诉求${fmtCount(d.accepted)}件` +
      (changes.length ? `，${changes.join('，')}` : '') +
      (top.length ? `；其中${top.join('，')}` : '') +
      '。',
  )
  const rates = RATES_ZH.flatMap(([k, name]) => rateText(d, k, name, 'zh-CN') ?? [])
  const unresolvedZh = d.closedUnresolved > 0 ? `；当日受理的诉求中未办结关闭${fmtCount(d.closedUnresolved)}件（无法办理、撤回或不予受理，不计为办结）` : ''
  out.push(`全天办结${fmtCount(d.completed)}件${rates.length ? `，${rates.join('，')}` : ''}${unresolvedZh}。`, ...cohortSentence(b, 'zh-CN'))
  out.push(`截至日末，在办${fmtCount(d.open)}件，其中超期${fmtCount(d.overdue)}件${d.overdue > 0 ? '，已列入督办清单' : ''}。`)
  for (const s of b.surges.slice(0, 2)) {
    const r = relChange(s.accepted, s.avg7)
    out.push(`${s.category}类诉求${fmtCount(s.accepted)}件，较前7日日均${(s.avg7 ?? 0).toFixed(1)}件${r === null ? '明显增多' : `上升${fmtPct(r)}`}，需重点关注。`)
  }
  const rk = b.rankings.find((r) => r.measure === 'completionRate')
  const w = `${MATURE_WINDOW.toDaysBefore}至${MATURE_WINDOW.fromDaysBefore}天前受理`
  if (rk && rk.best.length && rk.worst.length) {
    const hi = rk.best[0]
    const lo = rk.worst[0]
    out.push(`下级区域中，成熟期办结率（${w}）最高的是${hi.name}（${fmtPct(hi.matureCompletionRate!)}），最低的是${lo.name}（${fmtPct(lo.matureCompletionRate!)}）。`)
  }
  const hot = hotOf(b)
  if (hot) out.push(`诉求最多的社区（村）是${hot.place}，受理${fmtCount(hot.accepted)}件${hot.topCategory ? `，以${hot.topCategory}类为主` : ''}。`)
  const m = b.month
  const mc = m.previous ? relChange(m.current.accepted, m.previous.accepted) : null
  out.push(`本月以来累计受理${fmtCount(m.current.accepted)}件${mc === null ? '' : `，${zhChange(mc, '较上月同期')}`}。`)
  return out
}

function summaryEn(b: Briefing): string[] {
  const d = b.day
  const out: string[] = []
  const when = `${isYesterday(b.date, b.today) ? 'Yesterday' : 'On'} (${WEEKDAY_EN[b.weekday]}, ${dayLabel(b.date, 'en')})`
  const changes = [
    enChange(relChange(d.accepted, b.prevDay.figures?.accepted), 'on the day before'),
    enChange(relChange(d.accepted, b.lastWeek.figures?.accepted), 'on the same day last week'),
  ].filter(Boolean)
  const en = (c: string) => CATEGORY_EN[c as Category] ?? c
  const top = b.categories.slice(0, 3).map((c) => `${en(c.category)} ${fmtCount(c.accepted)} (${fmtPct(c.share)})`)
  out.push(
    `${when} ${b.region.name} accepted ${fmtCount(d.accepted)} requests` +
      (changes.length ? `, ${changes.join(', ')}` : '') +
      (top.length ? `; top categories: ${top.join(', ')}` : '') +
      '.',
  )
  const rates = RATES_EN.flatMap(([k, name]) => rateText(d, k, name, 'en') ?? [])
  const unresolvedEn = d.closedUnresolved > 0 ? `; ${fmtCount(d.closedUnresolved)} of the day's requests were closed unresolved (unresolvable, withdrawn or rejected: not completed)` : ''
  out.push(`${fmtCount(d.completed)} completed${rates.length ? `; ${rates.join(', ')}` : ''}${unresolvedEn}.`, ...cohortSentence(b, 'en'))
  out.push(`At the end of the day ${fmtCount(d.open)} were open, ${fmtCount(d.overdue)} of them overdue.`)
  for (const s of b.surges.slice(0, 2)) {
    const r = relChange(s.accepted, s.avg7)
    out.push(`${en(s.category)}: ${fmtCount(s.accepted)} requests against a 7-day mean of ${(s.avg7 ?? 0).toFixed(1)}${r === null ? '' : ` (up ${fmtPct(r)})`}.`)
  }
  const rk = b.rankings.find((r) => r.measure === 'completionRate')
  if (rk && rk.best.length && rk.worst.length) {
    const w = `accepted ${MATURE_WINDOW.toDaysBefore}–${MATURE_WINDOW.fromDaysBefore} days before`
    out.push(`Highest mature completion rate (${w}): ${rk.best[0].name} (${fmtPct(rk.best[0].matureCompletionRate!)}); lowest: ${rk.worst[0].name} (${fmtPct(rk.worst[0].matureCompletionRate!)}).`)
  }
  const hot = hotOf(b)
  if (hot) out.push(`Busiest community: ${hot.place} with ${fmtCount(hot.accepted)} requests.`)
  const m = b.month
  const mc = m.previous ? relChange(m.current.accepted, m.previous.accepted) : null
  out.push(`Month to date: ${fmtCount(m.current.accepted)} accepted${mc === null ? '' : `, ${enChange(mc, 'on the same days last month')}`}.`)
  return out
}
