/** Layout of a day/month bucket: counters per region and period, summed over windows. */
import { CATEGORIES } from '../categories.ts'
import { CHANNELS } from '../enums.ts'

/** Core counters. */
export const F = {
  accepted: 0,
  completed: 1,
  completedOnTime: 2,
  handleSeconds: 3,
  /** Requests created in the period that are completed now. */
  createdCompleted: 4,
  /** Requests created in the period completed without dispatch. */
  directAnswer: 5,
  signTimely: 6,
  /** Dispatches signed, or whose sign-for limit has passed. */
  signDue: 7,
  visits: 8,
  visitsGood: 9,
  returned: 10,
  reopened: 11,
  supervised: 12,
  gridFound: 13,
  patrols: 14,
  patrolledGrids: 15,
  /** +1 when a request opens (created or reopened), −1 when it completes: prefix sums give open at a day's end. */
  openDelta: 16,
  /** +1 when an open request passes its deadline, −1 when it completes. */
  overdueDelta: 17,
} as const
export type CoreField = keyof typeof F

const CORE = 18
/** Offset of the per-category accepted counters. */
export const CAT_BASE = CORE
/** Offset of the per-channel accepted counters. */
export const CHANNEL_BASE = CAT_BASE + CATEGORIES.length
/** Offset of the cohort counters (`cohort-rates.ts`): requests created in the period first completed within 24 h, 72 h. */
export const COHORT_BASE = CHANNEL_BASE + CHANNELS.length
/** Then one counter (`close-outcome.ts`, `UNRESOLVED_FIELD`): requests created in the period now closed without 办结. */
export const UNRESOLVED_BASE = COHORT_BASE + 2
/** Fields of a bucket. */
export const BUCKET_FIELDS = UNRESOLVED_BASE + 1

/** Hourly keys live beside bucket fields: accepted at HOURLY_BASE + h, completed at HOURLY_BASE + 24 + h. */
export const HOURLY_BASE = 64
/** Key stride per day when a contribution is flattened to `day * KEY_STRIDE + field`. */
export const KEY_STRIDE = 128

export const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]))
export const CHANNEL_INDEX = new Map<string, number>(CHANNELS.map((c, i) => [c, i]))

/**
 * A counter read from a bucket as a small integer when it is one (the same number): such values
 * are stored inline in the objects that hold them, where a value read from a Float64Array is a
 * boxed heap number (16 bytes more per field).
 */
export const count = (x: number): number => (x === (x | 0) ? x | 0 : x)
