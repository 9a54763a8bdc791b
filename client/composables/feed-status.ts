/** The wall's connection state as the header and banner show it. */
export type FeedStatus = 'connecting' | 'live' | 'quiet' | 'offline'

/** Silent ticks after which data counts as stale (a quiet region gets a heartbeat every 2 ticks). */
export const STALE_AFTER_TICKS = 4

/** Data is stale after 4 ticks (ticks under 1 s count as 1 s, so accelerated feeds do not flicker). */
export const staleAfterMs = (tickMs: number): number => STALE_AFTER_TICKS * Math.max(tickMs, 1000)

/**
 * Derives the feed status from the connection and the time the figures were last confirmed
 * (a snapshot, or a heartbeat saying nothing changed); a server whose store is down is stale too.
 */
export function feedStatus(connected: boolean, confirmedAt: number | null, now: number, tickMs: number, storeHealthy = true): FeedStatus {
  if (confirmedAt == null) return connected ? 'connecting' : 'offline'
  if (!connected) return 'offline'
  return !storeHealthy || now - confirmedAt > staleAfterMs(tickMs) ? 'quiet' : 'live'
}
