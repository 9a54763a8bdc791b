/** Pushed alerts (推送告警). */
export const ALERT_KINDS = ['surge', 'urgentOverdue', 'feedStale'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

/**
 * What each kind of alert says, as data; `shared/alert-text.ts` words it in Chinese or English.
 * Places and categories are as the region pack and the ingest contract name them (Chinese).
 */
export interface AlertParams {
  /** 突发: `count` requests of `category` in the last hour at `place`, above `threshold` (`shared/kpi/surge.ts`). */
  surge: { place: string; category: string; count: number; threshold: number }
  /** 紧急超期: urgent request `requestId` past its deadline while open; its department if dispatched. */
  urgentOverdue: { requestId: string; category: string; place: string; department?: string }
  /** 数据中断: no event for `minutes`; `expected`: requests usual at this time (absent while still learning). */
  feedStale: { minutes: number; expected?: number }
}

/** An alert of one kind: `{ kind: 'surge', params: { … } }` with where and when. */
export type AlertOf<K extends AlertKind> = {
  id: string
  kind: K
  params: AlertParams[K]
  /** Region the alert is about (the pack's root for a stale feed). */
  region: string
  regionName: string
  /** When the condition arose (ms since epoch). */
  at: number
  /** When a wall acknowledged it (ms since epoch): acknowledged alerts leave every wall. */
  ackedAt?: number
  /** The alert worded in Chinese and in English (`shared/alert-text.ts`): on `GET …/alerts` only, the walls word pushed alerts themselves. */
  message?: string
  messageEn?: string
}

/** Pushed to the walls and listed by `GET …/alerts`. */
export type Alert = { [K in AlertKind]: AlertOf<K> }[AlertKind]

/**
 * An acknowledgement (确认) is an internal event of the store's log, never accepted by the ingest
 * API: every process applies it, checkpoints persist it and a restart replays it.
 */
export const ALERT_ACK_TYPE = 'alert.acknowledged'

export interface AlertAckEvent {
  /** `ack:<alert id>`: a second acknowledgement of the same alert is a duplicate the store ignores. */
  id: string
  type: typeof ALERT_ACK_TYPE
  at: string
  alertId: string
}

/** The acknowledgement event of alert `alertId` at `now`. */
export const ackEvent = (alertId: string, now: number): AlertAckEvent => ({ id: `ack:${alertId}`, type: ALERT_ACK_TYPE, at: new Date(now).toISOString(), alertId })
