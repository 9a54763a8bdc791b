/**
 * 关闭方式 (close outcome): how `request.completed` closes a request. A real platform closes about
 * 2% of its requests without 办结: 无法办理 (the department cannot resolve it: policy, history),
 * 撤回 (the citizen withdraws it), 不予受理 (outside the platform's remit after review). The event's
 * optional `outcome` says which; absent means `resolved` (办结), so contract v1 senders are unchanged.
 *
 * A close without 办结 (未办结关闭):
 * - leaves 在办 and stops 超期, like any close (the request is closed, nobody works on it);
 * - is not 办结: not in 办结量/办件量 (`completed`), 办结率 (its request stays in the denominator,
 *   accepted, and out of the numerator), 直接答复率, 24小时/72小时办结率 or 平均办理时长;
 * - is not a completion for 按时办结率 (neither on time nor late: the rate is over 办结 only) nor
 *   for a department's 办结;
 * - is counted, on its request's creation day, in 未办结关闭 (`UNRESOLVED_FIELD`), so a window's
 *   accepted = 办结 now + 未办结关闭 now + still open (`closedUnresolved` of the window figures);
 * - a return visit after it counts for 满意率 as any visit (the citizen's rating of the handling);
 * - a `request.reopened` opens it again, as after 办结, and a later 办结 counts.
 * Only a request's first close counts until it is reopened (a second `request.completed` without a
 * reopening changes nothing), whatever its outcome.
 */
import { CLOSE_OUTCOMES, type CloseOutcome } from '../enums.ts'
import { UNRESOLVED_BASE } from './bucket-fields.ts'

/** 中文 names of the outcomes. */
export const CLOSE_OUTCOME_ZH: Record<CloseOutcome, string> = {
  resolved: '办结',
  unresolvable: '无法办理',
  withdrawn: '撤回',
  rejected: '不予受理',
}

/** 中文 name of the count of requests closed without 办结. */
export const CLOSED_UNRESOLVED_ZH = '未办结关闭'

/** The outcome code a lifecycle event keeps: 0 resolved (办结), 1.. the others in `CLOSE_OUTCOMES` order. */
export const outcomeCode = (outcome: CloseOutcome | undefined): number => (outcome ? CLOSE_OUTCOMES.indexOf(outcome) : 0)

/** The outcome of a code. */
export const outcomeOf = (code: number | undefined): CloseOutcome => CLOSE_OUTCOMES[code ?? 0] ?? 'resolved'

/** Whether a close with this code is 办结. */
export const isResolved = (code: number | undefined): boolean => !code

/** Bucket field counting the requests created in the period that are now closed without 办结. */
export const UNRESOLVED_FIELD = UNRESOLVED_BASE
