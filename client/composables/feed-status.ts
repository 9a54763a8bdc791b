/** The wall's connection state as the header and banner show it. */
export type FeedStatus = 'connecting' | 'live' | 'quiet' | 'offline'

/** Silent ticks after which data counts as stale. */
export const STALE_AFTER_TICKS = 3

/** Data is stale after 3 ticks (ticks under 1 s count as 1 s, so accelerated feeds do not flicker). */
export const staleAfterMs = (tickMs: number): number => STALE_AFTER_TICKS * Math.max(tickMs, 1000)

/** Derives the feed status from the connection and the time of the last snapshot. */
export function feedStatus(connected: boolean, receivedAt: number | null, now: number, tickMs: number): FeedStatus {
  if (receivedAt == null) return connected ? 'connecting' : 'offline'
  if (!connected) return 'offline'
  return now - receivedAt > staleAfterMs(tickMs) ? 'quiet' : 'live'
}
