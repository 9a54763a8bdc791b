/** The KPI snapshot of one region (over its whole subtree), as pushed to walls. */
import type { ClosedLoopFigures } from './department-types.ts'
import type { Channel } from './events.ts'
import type { RegionLevel } from './region-types.ts'
import type { RateSamples } from './kpi/rate-samples.ts'
import type { RollUpStatus } from './roll-up.ts'
import type { CohortWindow } from './cohort-types.ts'

export const WINDOWS = ['today', 'yesterday', 'last7', 'month', 'ytd'] as const
export type WindowKey = (typeof WINDOWS)[number]

/** Figures over one time window. Rates are fractions 0..1, or null when nothing to divide by. */
export interface WindowFigures {
  accepted: number
  completed: number
  completionRate: number | null
  onTimeRate: number | null
  timelySignRate: number | null
  satisfactionRate: number | null
  directAnswerRate: number | null
  /** 未办结关闭: requests accepted in the window now closed without 办结 (shared/kpi/close-outcome.ts). */
  closedUnresolved: number
  returned: number
  reopened: number
  supervised: number
  avgHandleHours: number | null
  byCategory: Record<string, number>
  byChannel: Partial<Record<Channel, number>>
  /** 样本量: the cases each rate divides by (see shared/kpi/rate-samples.ts). */
  n: RateSamples
}

/** Per-hour series (index 0 = 00:00–01:00 Asia/Shanghai). */
export interface HourlySeries {
  accepted: number[]
  completed: number[]
}

/** Grid management figures (网格). */
export interface GridFigures {
  grids: number
  onDuty: number
  patrols: number
  gridFound: number
  patrolCoverage: number | null
  /** 最近巡查: the latest patrol in the subtree (a grid's own on its wall), ms since epoch, or null (`shared/kpi/last-patrol.ts`). */
  lastPatrolAt: number | null
}

/** Headline figures of one direct child, for rankings and the map. */
export interface ChildFigures {
  code: string
  name: string
  level: RegionLevel
  acceptedToday: number
  completedToday: number
  acceptedYtd: number
  completionRate: number | null
  satisfactionRate: number | null
  onTimeRate: number | null
  open: number
  overdue: number
  onDuty: number
}

/** 超期 by how long ago the deadline passed: today (今日新增), the 6 days before (本周), earlier (更早). */
export interface OverdueAge {
  today: number
  week: number
  older: number
}

/** The grid figures of the day before (上一班次), shown while today has none. */
export interface LastShift {
  /** YYYY-MM-DD. */
  date: string
  patrols: number
  gridFound: number
  patrolCoverage: number | null
}

export interface Snapshot {
  region: string
  name: string
  level: RegionLevel
  /** Server time the figures hold for (ms since epoch). */
  asOf: number
  /** Time of the last event ingested anywhere (ms since epoch), or null. */
  lastEventAt: number | null
  /** Today's date in Asia/Shanghai, YYYY-MM-DD. */
  today: string
  windows: Record<WindowKey, WindowFigures>
  /** 24小时办结率 and 72小时办结率 of each window over its mature cohorts (`shared/kpi/cohort-rates.ts`). */
  cohort?: Record<WindowKey, CohortWindow>
  open: number
  overdue: number
  /** 超期 split by age, recounted every 30 s (its sum may trail `overdue` by that long). */
  overdueAge?: OverdueAge
  hourly: { today: HourlySeries; yesterday: HourlySeries }
  /** Last 30 days, oldest first, ending today. */
  daily: { dates: string[]; accepted: number[]; completed: number[] }
  grid: GridFigures
  /** Yesterday's grid figures, or absent when none are held. */
  lastShift?: LastShift
  children: ChildFigures[]
  /** Departments (承办单位), the stage board, the day's flow and hot words. */
  closedLoop?: ClosedLoopFigures
  /** A parent wall's snapshot (summed from its roots' headline rows): each root's row and its age. */
  rollUp?: RollUpStatus
}
