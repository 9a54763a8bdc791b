/** Figures of departments (承办单位), the stage board and hot words, as the API and the wall see them. */

/** Windows of the department figures (the API's `window=`). */
export const DEPARTMENT_WINDOWS = ['today', 'yesterday', '7d', 'month', 'ytd'] as const
export type DepartmentWindow = (typeof DEPARTMENT_WINDOWS)[number]

/** A rate with its denominator: `value` is null when `n` is 0. */
export interface RateWithN {
  value: number | null
  n: number
}

/** One department's figures over a window, in the region's subtree. */
export interface DepartmentRow {
  /** The department as named upstream, or 其他 for those past the per-region cap. */
  name: string
  /** 派单 */
  dispatched: number
  /** 签收 */
  signed: number
  /** 办结 */
  completed: number
  /** 退单 */
  returned: number
  /** 重办 */
  reopened: number
  /** 及时签收率 (n: dispatches signed or past the sign-for limit) */
  timelySignRate: RateWithN
  /** 按时办结率 (n: completions) */
  onTimeRate: RateWithN
  /** 退单率 (n: dispatches) */
  returnRate: RateWithN
  /** 满意率 (n: return visits) */
  satisfactionRate: RateWithN
  /** 平均办理时长, hours from dispatch to completion (null without completions) */
  avgHandleHours: number | null
  /** 在办 now */
  open: number
  /** 超期在办 now */
  overdue: number
}

/** The departments of a region's subtree over one window, ranked by 按时办结率 (then volume). */
export interface DepartmentRanking {
  /** The region asked for. */
  region: string
  /** The region the figures cover: the region itself, or its street for a community or grid. */
  scope: string
  scopeName: string
  window: DepartmentWindow
  /** First and last day of the window (YYYY-MM-DD). */
  from: string
  to: string
  rows: DepartmentRow[]
}

/** Stages of an open request (and of a completed one awaiting its return visit). */
export const STAGES = ['awaitingDispatch', 'awaitingSign', 'handling', 'returned', 'awaitingVisit', 'reopened'] as const
export type Stage = (typeof STAGES)[number]
/** Age bands of a stage: < 1 h, < 24 h, < 3 d, older. */
export const AGE_BANDS = ['lt1h', 'lt24h', 'lt3d', 'older'] as const
export type AgeBand = (typeof AGE_BANDS)[number]

/** Requests in each stage by how long they have waited in it: `counts[stage][band]`. */
export type StageBoard = Record<Stage, Record<AgeBand, number>>

/** The day's flow through the stages: events of the day at each step. */
export interface DayFlow {
  /** 受理 */
  accepted: number
  /** 派单 */
  dispatched: number
  /** 签收 */
  signed: number
  /** 办结 */
  completed: number
  /** 回访 */
  visited: number
}

/** A frequent word or phrase of the summaries. */
export interface HotWord {
  word: string
  /** Occurrences in the window (a top-K estimate: at most `count` − true count ≤ the sketch's error). */
  count: number
  /** Ranking weight: `count`, lowered for category words. */
  weight: number
  /** More frequent in the last 24 h than in the 7-day base. */
  rising: boolean
}

/** Hot words of a region's summaries. */
export interface HotWords {
  /** The last 24 h (the current 6-hour block and the three before it). */
  day: HotWord[]
  /** The last 7 days. */
  week: HotWord[]
}

/** What the snapshot carries of all this, for the wall. */
export interface ClosedLoopFigures {
  /** Top departments of the month (the wall's panel), with the region the figures cover. */
  departments: { scope: string; rows: DepartmentRow[] }
  stages: StageBoard
  flow: { today: DayFlow; yesterday: DayFlow }
  /** Null for regions below the level hot words are kept for (streets and below: their district's are shown on the district wall). */
  hotWords: HotWords | null
}

/** A day's hot words (the briefing): rising ones against the 6 days before. */
export interface DayHotWords {
  region: string
  date: string
  /** Null below the level hot words are kept for. */
  words: HotWord[] | null
}
