/**
 * 最近巡查 (last patrol): when a grid was last patrolled (`grid.patrol`); above a grid, the latest
 * patrol of any grid in the subtree. A grid is expected to be patrolled at least once a day (网格员
 * 每日巡查), so a grid whose last patrol is more than `PATROL_STALE_HOURS` ago missed a day's round:
 * the wall shows its age in red.
 */
import { HOUR_MS } from '../time-windows.ts'

/** 中文 name of the figure. */
export const LAST_PATROL_ZH = '最近巡查'

/** Hours after the last patrol beyond which a grid reads as not patrolled (red). */
export const PATROL_STALE_HOURS = 24

/** Whole hours since the last patrol at `now` (0 within the first hour), or null when never patrolled. */
export const patrolAgeHours = (lastPatrolAt: number | null, now: number): number | null =>
  lastPatrolAt === null ? null : Math.max(0, Math.floor((now - lastPatrolAt) / HOUR_MS))

/** Whether the last patrol is older than {@link PATROL_STALE_HOURS} (or there was none). */
export const patrolStale = (lastPatrolAt: number | null, now: number): boolean =>
  lastPatrolAt === null || now - lastPatrolAt > PATROL_STALE_HOURS * HOUR_MS
