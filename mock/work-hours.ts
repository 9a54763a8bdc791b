/**
 * Departments' working time: 08:00–12:00 and 13:00–17:30 on working days. A completion the
 * lifecycle draws outside it is reported when the department is next at work (a few on duty at
 * weekends and holidays), so completions follow office hours as on a real platform.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, startOfDay } from '../shared/time-windows.ts'
import { isWorkingDay } from './holidays.ts'
import { cumulative, pick, uniform, type Random } from './random.ts'

const MORNING = [8 * HOUR_MS, 12 * HOUR_MS] as const
const AFTERNOON = [13 * HOUR_MS, 17.5 * HOUR_MS] as const
/**
 * Weights of the working day's half hours from 08:00 for work carried over from off hours: slow
 * first hour (meetings, assignments), steady late morning and afternoon, nothing at lunch.
 */
const CARRIED = cumulative([0.2, 0.4, 0.6, 0.8, 1.1, 1.1, 1.1, 1.1, 0, 0, 0.9, 0.9, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 0.6])
/** Share of completions falling on a day off's daytime that duty staff report that day. */
export const DUTY_SHARE = 0.25

/** True when `t` falls in the office hours of a working day. */
export function atWork(t: number): boolean {
  if (!isWorkingDay(t)) return false
  const h = t - startOfDay(t)
  return (h >= MORNING[0] && h < MORNING[1]) || (h >= AFTERNOON[0] && h < AFTERNOON[1])
}

/**
 * When a department reports a piece of work it finished (in its own time) at `t`: `t` itself in
 * office hours; after lunch for the lunch break; on a day off's daytime, that day for a quarter
 * (duty staff), else the next working day; at night, the next working day. Work carried over is
 * spread over that day's office hours, few in its first hour.
 */
export function reportTime(rnd: Random, t: number): number {
  if (atWork(t)) return t
  const day = startOfDay(t)
  const h = t - day
  if (isWorkingDay(t) && h >= MORNING[1] && h < AFTERNOON[0]) return day + AFTERNOON[0] + uniform(rnd, 0, HOUR_MS)
  if (!isWorkingDay(t) && h >= 9 * HOUR_MS && h < 16 * HOUR_MS && rnd() < DUTY_SHARE) return t
  let d = h < MORNING[0] ? day : day + DAY_MS
  while (!isWorkingDay(d)) d += DAY_MS
  return d + MORNING[0] + pick(rnd, CARRIED) * 30 * MINUTE_MS + uniform(rnd, 0, 30 * MINUTE_MS)
}
