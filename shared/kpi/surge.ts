/**
 * The two surge rules. They answer different questions and are named apart:
 * 突发 (the live alert) looks at the last hour; 突增分类 (the briefing) at a whole day.
 */

/** 突发告警 (surge alert): at least this many of a category in the last hour before it can alert. */
export const SURGE_ALERT_MIN = 10
/** 突发告警: … and more than this factor × the region's average for that hour of day over the last 7 days. */
export const SURGE_ALERT_FACTOR = 3

/**
 * 突发告警 threshold: a region's requests of one category in the last hour surge when they exceed
 * max(10, 3 × its average for that hour of day over the last 7 days).
 */
export const surgeAlertThreshold = (hourAverage: number, minCount = SURGE_ALERT_MIN, factor = SURGE_ALERT_FACTOR): number =>
  Math.max(minCount, factor * hourAverage)

/** 突增分类 (rising category, the briefing): at least this many of a category on the day… */
export const DAILY_SURGE_MIN = 10
/** 突增分类: … and at least this factor × its mean per day over the 7 days before. */
export const DAILY_SURGE_FACTOR = 1.5

/** 突增分类: whether a category's day count rose against its 7-day mean (null: no history to compare). */
export const isDailySurge = (count: number, avg7: number | null): boolean => avg7 !== null && count >= DAILY_SURGE_MIN && count >= DAILY_SURGE_FACTOR * avg7
