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
}
