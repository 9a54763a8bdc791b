import type { TickerItem } from '../../shared/ticker.ts'
import { MAX_PULSES, type Pulse } from './region-map.ts'

/**
 * Pulses whose ripple animates: the newest few, three rings each after it arrives. Each ripple is a
 * layer redrawn every frame, so the older pulses (up to {@link MAX_PULSES}) stay as steady dots.
 */
export const MAX_RIPPLES = 8

/** Whether pulse `i` of `count` (oldest first, as {@link pulsesFor} returns them) ripples. */
export const ripples = (i: number, count: number): boolean => i >= count - MAX_RIPPLES

/** How long a new request pulses after the newest one, in ms. */
export const PULSE_WINDOW_MS = 5 * 60_000

/**
 * Pulses for ticker items: at the request's own location, or else at the centre of the child it
 * falls in; items outside every child are left out; the newest {@link MAX_PULSES} at most.
 */
export function pulsesFor(items: TickerItem[], centers: Map<string, [number, number]>): Pulse[] {
  if (!items.length || !centers.size) return []
  const codeLength = centers.keys().next().value!.length
  const newest = Math.max(...items.map((i) => i.at))
  const out: Pulse[] = []
  for (const it of items) {
    if (newest - it.at > PULSE_WINDOW_MS) continue
    const child = it.region.slice(0, codeLength)
    const center = centers.get(child)
    if (!center) continue
    out.push({ id: it.requestId, child, at: it.at, coord: it.location ?? center, urgent: it.urgency === 'urgent' })
  }
  return out.sort((a, b) => a.at - b.at).slice(-MAX_PULSES)
}
