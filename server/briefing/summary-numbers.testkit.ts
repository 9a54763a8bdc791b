/** Test kit: every number a summary may print, worked out from a briefing independently of the generator. */
import type { Briefing } from '../../shared/briefing-types.ts'

const count = (n: number) => Math.round(n).toLocaleString('en-US')
const pct = (r: number) => (Math.abs(r) * 100).toFixed(1)

/** Numbers (as printed, without `%`) a summary of `b` may contain. */
export function allowedNumbers(b: Briefing): Set<string> {
  const ok = new Set<string>(['7', '13'])
  const [, m, d] = b.date.split('-')
  ok.add(String(+m)).add(String(+d))
  const d0 = b.day
  for (const v of [d0.accepted, d0.completed, d0.closedUnresolved, d0.open, d0.overdue, b.month.current.accepted]) ok.add(count(v))
  for (const r of [d0.completionRate, d0.onTimeRate, d0.satisfactionRate, d0.directAnswerRate, d0.timelySignRate]) if (r !== null) ok.add(pct(r))
  for (const n of Object.values(d0.n)) ok.add(count(n))
  for (const base of [b.prevDay.figures?.accepted, b.lastWeek.figures?.accepted]) if (base) ok.add(pct((d0.accepted - base) / base))
  if (b.month.previous?.accepted) ok.add(pct((b.month.current.accepted - b.month.previous.accepted) / b.month.previous.accepted))
  for (const c of b.categories.slice(0, 3)) ok.add(count(c.accepted)).add(pct(c.share))
  for (const s of b.surges) {
    ok.add(count(s.accepted)).add((s.avg7 ?? 0).toFixed(1))
    if (s.avg7) ok.add(pct((s.accepted - s.avg7) / s.avg7))
  }
  for (const r of b.rankings) {
    for (const c of [...r.best, ...r.worst]) {
      const v = r.measure === 'completionRate' ? c.matureCompletionRate : c[r.measure]
      if (v !== null) ok.add(pct(v))
    }
  }
  for (const h of b.hotCommunities.slice(0, 1)) ok.add(count(h.accepted))
  // 24小时/72小时办结率: the hours, the cohorts' dates, rates, samples and their changes in points.
  for (const c of b.cohortRates) {
    ok.add(String(c.hours))
    const r = c.cohort.rate
    for (const x of c.cohort.date.split('-').slice(1)) ok.add(String(+x))
    if (!r || r.rate === null) continue
    ok.add(pct(r.rate)).add(count(r.n))
    for (const base of [c.prevDay.rate, c.lastWeek.rate]) if (base?.rate != null) ok.add((Math.abs(Math.round((r.rate - base.rate) * 1000)) / 10).toFixed(1))
  }
  // Digits inside names (第3网格) are names, not figures.
  for (const n of [...b.children.map((c) => c.name), ...b.hotCommunities.map((h) => h.place), b.region.name]) for (const x of n.match(/\d+/g) ?? []) ok.add(x)
  return ok
}

/** The numbers printed in a text: `1,523`, `8.2` (of `8.2%`), `11` (of `11月`). */
export const numbersIn = (text: string): string[] => text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []
