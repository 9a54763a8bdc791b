/**
 * The simulated city's calendar beyond weekdays: public holidays (法定节假日) and cold snaps (寒潮).
 * Both are functions of the day (and the seed for weather), so every shard and every resume sees
 * the same city.
 */
import type { Category } from '../shared/categories.ts'
import { DAY_MS, dayIndex, monthOf, shanghaiMs, weekdayOf, yearOf } from '../shared/time-windows.ts'
import { mixSeed, mulberry32 } from './random.ts'

export type HolidayName = '元旦' | '春节' | '清明' | '劳动节' | '端午' | '中秋' | '国庆'

/** Days off of each holiday, [month, day, length] per year (State Council schedules; 2027 estimated). */
const SCHEDULE: Record<number, [HolidayName, number, number, number][]> = {
  2025: [['元旦', 1, 1, 1], ['春节', 1, 28, 8], ['清明', 4, 4, 3], ['劳动节', 5, 1, 5], ['端午', 5, 31, 3], ['国庆', 10, 1, 8]],
  2026: [['元旦', 1, 1, 3], ['春节', 2, 15, 9], ['清明', 4, 4, 3], ['劳动节', 5, 1, 5], ['端午', 6, 19, 3], ['中秋', 9, 25, 3], ['国庆', 10, 1, 7]],
  2027: [['元旦', 1, 1, 3], ['春节', 2, 5, 8], ['清明', 4, 3, 3], ['劳动节', 5, 1, 5], ['端午', 6, 9, 3], ['中秋', 9, 15, 3], ['国庆', 10, 1, 7]],
}

const HOLIDAYS = new Map<number, HolidayName>()
for (const [year, list] of Object.entries(SCHEDULE)) {
  for (const [name, m, d, n] of list) for (let k = 0; k < n; k++) HOLIDAYS.set(dayIndex(shanghaiMs(+year, m, d)) + k, name)
}

/** The holiday a day (ms anywhere in it) belongs to, or null. */
export const holidayOf = (ms: number): HolidayName | null => HOLIDAYS.get(dayIndex(ms)) ?? null

/** A working day for departments and grid workers: Monday–Friday and not a holiday. */
export function isWorkingDay(ms: number): boolean {
  const w = weekdayOf(ms)
  return w !== 0 && w !== 6 && !HOLIDAYS.has(dayIndex(ms))
}

/** Volume of a holiday day relative to an ordinary weekday: people call less, 春节 least. */
export const HOLIDAY_VOLUME: Record<HolidayName, number> = {
  元旦: 0.7,
  春节: 0.5,
  清明: 0.75,
  劳动节: 0.7,
  端午: 0.75,
  中秋: 0.75,
  国庆: 0.65,
}

/** What a holiday brings more of (fireworks and gatherings at 春节, travel and shops at 国庆). */
export const HOLIDAY_MIX: Record<HolidayName, Partial<Record<Category, number>>> = {
  元旦: { 燃气: 1.3 },
  春节: { 燃气: 1.6, 治安: 1.8, 供水: 1.4, 市场监管: 1.5, 劳动保障: 0.4, 教育: 0.3 },
  清明: { 交通出行: 1.8, 园林绿化: 1.5 },
  劳动节: { 交通出行: 1.6, 市场监管: 1.8 },
  端午: { 市场监管: 1.5 },
  中秋: { 市场监管: 1.6 },
  国庆: { 交通出行: 1.8, 市场监管: 1.8, 劳动保障: 0.5, 教育: 0.4 },
}

/** A cold snap: frozen and burst pipes, cold flats. */
export interface ColdSnap {
  /** Day (ms) it starts. */
  from: number
  days: number
}

/** Volume during a cold snap and the categories it lifts. */
export const COLD_SNAP_VOLUME = 1.3
export const COLD_SNAP_MIX: Partial<Record<Category, number>> = { 供暖: 2.6, 供水: 2.4, 燃气: 1.3, 交通出行: 1.4 }

/** Months with cold snaps (0..11): November to March. */
const COLD_MONTHS = new Set([10, 11, 0, 1, 2])

/** The cold snaps of a month: one or two of 2–4 days, placed by (seed, year, month). */
export function coldSnapsOf(seed: number, year: number, month: number): ColdSnap[] {
  if (!COLD_MONTHS.has(month)) return []
  const rnd = mulberry32(mixSeed(seed, year, month, 0xc01d))
  const n = 1 + (rnd() < 0.5 ? 1 : 0)
  const start = shanghaiMs(year, month + 1, 1)
  return Array.from({ length: n }, (_, i) => ({ from: start + (i * 14 + Math.floor(rnd() * 12)) * DAY_MS, days: 2 + Math.floor(rnd() * 3) }))
}

/** The cold snap covering the day of `ms`, or null. */
export function coldSnapOn(seed: number, ms: number): ColdSnap | null {
  for (const s of coldSnapsOf(seed, yearOf(ms), monthOf(ms))) if (ms >= s.from && ms < s.from + s.days * DAY_MS) return s
  return null
}
