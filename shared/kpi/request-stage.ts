/**
 * Where a request is stuck (the stage board, 工单阶段): the stage it is in at `now` and since when.
 * 待派单 (created, not dispatched), 待签收 (dispatched, not signed), 办理中 (signed), 退单待重派
 * (returned, not dispatched again), 待回访 (completed, no return visit yet, for up to the visit
 * window; a close without 办结 has no stage), 重办 (reopened, until completed again). Invalid requests and visited ones have no stage.
 */
import { AGE_BANDS, STAGES, type AgeBand, type Stage, type StageBoard } from '../department-types.ts'
import { DAY_MS, HOUR_MS } from '../time-windows.ts'
import { Life, type CreatedInfo, type LifeEvent } from './request-contribution.ts'
import { isResolved } from './close-outcome.ts'
import { count } from './bucket-fields.ts'

/** 中文 names of the stages. */
export const STAGE_NAMES: Record<Stage, string> = {
  awaitingDispatch: '待派单',
  awaitingSign: '待签收',
  handling: '办理中',
  returned: '退单待重派',
  awaitingVisit: '待回访',
  reopened: '重办',
}

/** 中文 names of the age bands. */
export const AGE_BAND_NAMES: Record<AgeBand, string> = { lt1h: '<1时', lt24h: '<24时', lt3d: '<3天', older: '≥3天' }

/** Upper bounds of the age bands but the last. */
const BAND_LIMITS = [HOUR_MS, DAY_MS, 3 * DAY_MS]

const S = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>
/** Stage indexes, in the order of `STAGES`. */
export const STAGE_INDEX = S

/** A request's stage at `now`: index into `STAGES` and the time it entered it, or null. */
export function stageOf(c: CreatedInfo, events: readonly LifeEvent[], now: number, visitWindowMs: number): { stage: number; since: number } | null {
  let stage = S.awaitingDispatch
  let since = c.at
  let reopened = false
  let done = false
  for (const e of events) {
    switch (e.kind) {
      case Life.Invalidated:
        if (e.at <= now) return null
        break
      case Life.Dispatched:
        if (!reopened && !done) [stage, since] = [S.awaitingSign, e.at]
        break
      case Life.Signed:
        if (!reopened && !done) [stage, since] = [S.handling, e.at]
        break
      case Life.Returned:
        if (!reopened && !done) [stage, since] = [S.returned, e.at]
        break
      case Life.Completed:
        if (done) break
        done = true
        reopened = false
        // A close without 办结 (close-outcome.ts) awaits no return visit: no stage until reopened.
        ;[stage, since] = [isResolved(e.outcome) ? S.awaitingVisit : -1, e.at]
        break
      case Life.Visited:
        if (done) stage = -1
        break
      case Life.Reopened:
        done = false
        reopened = true
        ;[stage, since] = [S.reopened, e.at]
        break
    }
  }
  if (stage < 0) return null
  if (stage === S.awaitingVisit && now - since >= visitWindowMs) return null
  return { stage, since }
}

/** Index of the age band of a stage entered at `since`, at `now`. */
export function ageBand(since: number, now: number): number {
  const age = now - since
  let b = 0
  while (b < BAND_LIMITS.length && age >= BAND_LIMITS[b]) b++
  return b
}

/** The next instant the band (or, waiting for a visit, the stage) of a request changes by time alone. */
export function nextStageChange(stage: number, since: number, now: number, visitWindowMs: number): number {
  let next = Infinity
  for (const limit of BAND_LIMITS) if (since + limit > now) next = Math.min(next, since + limit)
  if (stage === S.awaitingVisit && since + visitWindowMs > now) next = Math.min(next, since + visitWindowMs)
  return next
}

/** A stage board from counts laid out `stage * AGE_BANDS.length + band`. */
export function stageBoard(counts: ArrayLike<number> | undefined): StageBoard {
  const out = {} as StageBoard
  STAGES.forEach((s, i) => {
    const row = {} as Record<AgeBand, number>
    AGE_BANDS.forEach((b, j) => (row[b] = counts ? count(counts[i * AGE_BANDS.length + j]) : 0))
    out[s] = row
  })
  return out
}
