import type { Alert } from '../../shared/alerts.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { TickerItem } from '../../shared/ticker.ts'

/** What arrived since the last flush: the latest snapshot wins, ticker items and alerts add up. */
export interface TickBatch {
  snapshot: Snapshot | null
  ticker: TickerItem[]
  alerts: Alert[]
}

/** Scheduling primitives, injected so tests drive time. */
export interface TickScheduler {
  now: () => number
  setTimer: (fn: () => void, ms: number) => unknown
  clearTimer: (handle: unknown) => void
}

/** Options of {@link createTickCoalescer}. */
export interface TickCoalescerOptions {
  /** Minimum time between two flushes in ms (the server's tick). */
  intervalMs: () => number
  /** Applies one coalesced batch (one render). */
  apply: (batch: TickBatch) => void
  /** Upper bound on items kept per flush. @default 50 */
  maxItems?: number
  scheduler?: TickScheduler
}

const realScheduler: TickScheduler = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/** The coalescer: a burst of pushes becomes at most one `apply` per interval. */
export interface TickCoalescer {
  snapshot: (s: Snapshot) => void
  ticker: (items: TickerItem[]) => void
  alert: (a: Alert) => void
  /** Applies what is pending now. */
  flush: () => void
  /** Drops what is pending and stops the timer. */
  cancel: () => void
}

/** Coalesces pushes so a burst never renders more than once per tick. */
export function createTickCoalescer(options: TickCoalescerOptions): TickCoalescer {
  const sched = options.scheduler ?? realScheduler
  const maxItems = options.maxItems ?? 50
  let pending: TickBatch = { snapshot: null, ticker: [], alerts: [] }
  let dirty = false
  let timer: unknown = null
  let lastFlush = -Infinity

  const flush = () => {
    if (timer !== null) sched.clearTimer(timer)
    timer = null
    if (!dirty) return
    const batch = pending
    pending = { snapshot: null, ticker: [], alerts: [] }
    dirty = false
    lastFlush = sched.now()
    options.apply(batch)
  }
  const schedule = () => {
    dirty = true
    if (timer !== null) return
    const wait = Math.max(0, lastFlush + options.intervalMs() - sched.now())
    timer = sched.setTimer(flush, wait)
  }
  return {
    snapshot(s) {
      pending.snapshot = s
      schedule()
    },
    ticker(items) {
      if (!items.length) return
      pending.ticker = pending.ticker.concat(items).slice(-maxItems)
      schedule()
    },
    alert(a) {
      pending.alerts = pending.alerts.concat(a).slice(-maxItems)
      schedule()
    },
    flush,
    cancel() {
      if (timer !== null) sched.clearTimer(timer)
      timer = null
      dirty = false
      pending = { snapshot: null, ticker: [], alerts: [] }
    },
  }
}
