/**
 * The event-loop guard: requests get 503 while the event loop is delayed past `EVENT_LOOP_MAX_MS`.
 * The delay is measured as how late a short timer fires (high-resolution clock), the worst of the
 * last second, or how overdue the timer is at the moment of the request. A loop that took no
 * sample in a while has simply been late by that much; it is never read as an infinite delay
 * (`@fastify/under-pressure` reports Infinity when its histogram holds no sample, and
 * `monitorEventLoopDelay` does not record a single long block at all).
 */

export interface EventLoopGuard {
  /** The event-loop delay now (ms). */
  delayMs(): number
  stop(): void
}

export interface EventLoopGuardOptions {
  /** How often the timer is due (ms). @default 25 */
  periodMs?: number
  /** How long a delay seen counts (ms): the worst of this window is reported. @default 1000 */
  windowMs?: number
  /** @default performance.now */
  now?: () => number
}

/** Starts measuring; `stop` ends it. */
export function startEventLoopGuard(opts: EventLoopGuardOptions = {}): EventLoopGuard {
  const period = opts.periodMs ?? 25
  const window = opts.windowMs ?? 1000
  const now = opts.now ?? (() => performance.now())
  let due = now() + period
  let worst = 0
  let worstAt = -Infinity
  const timer = setTimeout(function sample() {
    const t = now()
    const late = Math.max(0, t - due)
    if (late >= worst || t - worstAt > window) {
      worst = late
      worstAt = t
    }
    due = t + period
    timer.refresh()
  }, period)
  timer.unref()
  return {
    delayMs() {
      const t = now()
      return Math.max(t - worstAt <= window ? worst : 0, t - due)
    },
    stop: () => clearTimeout(timer),
  }
}
