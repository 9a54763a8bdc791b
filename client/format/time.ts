import type { Translator } from '../i18n/translate.ts'
import { dateOf, timeOf, weekdayOf } from '../../shared/time-windows.ts'

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const pad = (n: number): string => String(n).padStart(2, '0')

/** Beijing-time parts of an instant, whatever the machine's zone. */
export const beijingParts = (ms: number): { date: string; time: string; weekday: number } => ({
  date: dateOf(ms),
  time: timeOf(ms),
  weekday: weekdayOf(ms),
})

/** Weekday name in the wall's language. */
export const weekdayName = (weekday: number, lang: string): string =>
  (lang === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH)[weekday] ?? ''

/** Beijing clock time of an instant, HH:MM:SS. */
export const beijingTime = timeOf

/** Human age of data: 42 s → "42秒", 5 min → "5分", 3 h → "3小时". */
export function formatAge(ms: number, tr: Pick<Translator, 't'>): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return tr.t('seconds', { n: s })
  if (s < 3600) return tr.t('minutes', { n: Math.floor(s / 60) })
  if (s < 86400) return tr.t('hours', { n: Math.floor(s / 3600) })
  return tr.t('days', { n: Math.floor(s / 86400) })
}

/** Hour-axis labels 00–23. */
export const HOUR_LABELS: readonly string[] = Array.from({ length: 24 }, (_, h) => pad(h))

/** Short date label MM-DD from YYYY-MM-DD. */
export const shortDate = (iso: string): string => iso.slice(5)
