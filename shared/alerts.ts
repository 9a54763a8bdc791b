/** Pushed alerts (推送告警). */
export const ALERT_KINDS = ['surge', 'urgentOverdue', 'feedStale'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

export interface Alert {
  id: string
  kind: AlertKind
  /** Region the alert is about (the pack's root for a stale feed). */
  region: string
  regionName: string
  /** When the condition arose (ms since epoch). */
  at: number
  /** Chinese message for the wall. */
  message: string
  /** English message. */
  messageEn: string
  category?: string
  requestId?: string
  count?: number
  threshold?: number
  /** When a wall acknowledged it (ms since epoch): acknowledged alerts leave every wall. */
  ackedAt?: number
}

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
