/** The morning briefing (晨会简报) of one region and one past day: `GET /api/v1/regions/:code/briefing?date=`. */
import type { RegionLevel } from './region-types.ts'
import type { RateSamples } from './kpi/rate-samples.ts'
import type { CohortComparison } from './cohort-types.ts'

/** The headline figures of one day. Rates are fractions 0..1, or null when nothing to divide by. */
export interface DayFigures {
  accepted: number
  completed: number
  completionRate: number | null
  /** 未办结关闭: requests accepted on the day now closed without 办结 (`kpi/close-outcome.ts`). */
  closedUnresolved: number
  onTimeRate: number | null
  satisfactionRate: number | null
  directAnswerRate: number | null
  timelySignRate: number | null
  /** Open at the end of the day (24:00 Asia/Shanghai). */
  open: number
  /** Open and past the deadline at the end of the day. */
  overdue: number
  /** 样本量 of each rate. */
  n: RateSamples
}

/** Keys of {@link DayFigures}, in the order the overview shows them. */
export const DAY_FIGURE_KEYS = [
  'accepted',
  'completed',
  'completionRate',
  'onTimeRate',
  'satisfactionRate',
  'directAnswerRate',
  'timelySignRate',
  'open',
  'overdue',
] as const satisfies readonly (keyof DayFigures)[]
export type DayFigureKey = (typeof DAY_FIGURE_KEYS)[number]

/** Which figures are rates (their changes are in percentage points). */
export const RATE_KEYS: ReadonlySet<DayFigureKey> = new Set([
  'completionRate',
  'onTimeRate',
  'satisfactionRate',
  'directAnswerRate',
  'timelySignRate',
])

/** Figures of a day with its date; `figures` is null when the day is outside the kept history. */
export interface DatedFigures {
  date: string
  figures: DayFigures | null
}

/** One category on the day with its comparisons. */
export interface CategoryFigure {
  category: string
  accepted: number
  /** Share of the day's accepted, 0..1. */
  share: number
  prevDay: number | null
  lastWeek: number | null
  /** Mean accepted per day over the 7 days before (null outside the history). */
  avg7: number | null
}

/** A community (社区/村) with many requests on the day. */
export interface HotCommunity {
  code: string
  name: string
  /** Names from below the city down to the community. */
  place: string
  /** Code of the briefing region's child holding it (itself when the region is the community). */
  child: string
  accepted: number
  topCategory: string | null
}

/** One child region in the 红黑榜 and the grid table. */
export interface ChildDay {
  code: string
  name: string
  accepted: number
  completed: number
  completionRate: number | null
  onTimeRate: number | null
  satisfactionRate: number | null
  overdue: number
  /** 样本量 of each rate on the day. */
  n: RateSamples
  /** 成熟期办结率 (shared/kpi/rate-samples.ts MATURE_WINDOW): what the 红黑榜 ranks 办结率 on; null outside the kept days. */
  matureCompletionRate: number | null
  /** Requests accepted in the mature window. */
  matureN: number
}

/** Requests overdue at a day's end by how long: at most 1 day, 1–7 days, over 7 days. */
export interface OverdueByAge {
  day: number
  week: number
  older: number
}

/** Measures of the 红黑榜 (办结率 on the mature window, the others on the day). */
export const RANK_MEASURES = ['completionRate', 'onTimeRate', 'satisfactionRate'] as const
export type RankMeasure = (typeof RANK_MEASURES)[number]

/** Best and worst children by one measure (children without the rate are left out). */
export interface Ranking {
  measure: RankMeasure
  best: ChildDay[]
  worst: ChildDay[]
  /** Children that had the rate. */
  ranked: number
}

/** A request open and past its deadline at the end of the day (督办清单). */
export interface OverdueItem {
  requestId: string
  region: string
  place: string
  category: string
  department: string | null
  /** The request's summary, personal data masked, or null. */
  summary: string | null
  urgent: boolean
  created: number
  deadline: number
  /** Hours past the deadline at the end of the day. */
  hoursOverdue: number
}

/** Grid figures of one region on the day (网格). */
export interface GridDay {
  code: string
  name: string
  grids: number
  /** Grids patrolled at least once on the day. */
  patrolledGrids: number | null
  patrols: number | null
  patrolCoverage: number | null
  gridFound: number
}

/** Month to date against the same days of the month before, and the whole month before. */
export interface MonthComparison {
  /** First and last date of each period. */
  current: { from: string; to: string; accepted: number; completed: number; completionRate: number | null; satisfactionRate: number | null }
  previous: { from: string; to: string; accepted: number; completed: number; completionRate: number | null; satisfactionRate: number | null } | null
  /** The whole previous month (from the month counters, kept for ever). */
  previousMonth: { month: string; accepted: number; completed: number }
}

export interface Briefing {
  region: { code: string; name: string; level: RegionLevel }
  /** `全市` style collective name of the level, or the region's name. */
  scopeName: string
  /** The day briefed, YYYY-MM-DD (Asia/Shanghai). */
  date: string
  /** 0 = Sunday. */
  weekday: number
  /** The server's today when built, YYYY-MM-DD. */
  today: string
  generatedAt: number
  /** Oldest and newest dates a briefing can be asked for. */
  range: { from: string; to: string }
  day: DayFigures
  prevDay: DatedFigures
  lastWeek: DatedFigures
  /** 30 days ending on the day, oldest first; null outside the kept history. */
  trend: { dates: string[]; accepted: (number | null)[]; completed: (number | null)[] }
  month: MonthComparison
  /** Categories of the day, largest first (all with requests). */
  categories: CategoryFigure[]
  /** Categories well above their 7-day average (surges, 突增). */
  surges: CategoryFigure[]
  hotCommunities: HotCommunity[]
  /** The day's figures of every child, in tree order. */
  children: ChildDay[]
  rankings: Ranking[]
  /**
   * 督办清单: urgent first, then the most recently overdue (the ones a duty officer can still act
   * on), with the whole list counted by how long overdue it is at the day's end.
   */
  overdue: { total: number; items: OverdueItem[]; byAge: OverdueByAge }
  grid: { total: GridDay; children: GridDay[] }
  /** 24小时办结率 and 72小时办结率 of the latest cohorts mature at the day's end, with the day before and a week before. */
  cohortRates: CohortComparison[]
}

/** Error body of the briefing route (400 outside the range). */
export interface BriefingError {
  error: string
  errorZh: string
  range?: { from: string; to: string }
}
