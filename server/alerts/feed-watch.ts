/**
 * Feed-stale detection (数据中断), around the clock. The watch learns how many requests each hour of
 * the day brings (mean over the last `learnDays` days of creations) and raises the alert when the
 * feed has been silent at least `staleMs` and the requests expected in the silence reach
 * `expected`: at the default 5 a silence that long has a chance of e⁻⁵ ≈ 0.7% of being quiet
 * upstream. A silent night hour that expects one request is normal; a silent 10:00 is not.
 * Without any history yet, silence alone raises it.
 */
import { dayIndex, hourOfDay, HOUR_MS } from '../../shared/time-windows.ts'

export interface FeedWatchOptions {
  /** Shortest silence that can raise the alert (ms). */
  staleMs: number
  /** Requests that must be expected in the silence. @default 5 */
  expected?: number
  /** Days of history the hourly expectation is learnt from. @default 28 */
  learnDays?: number
}

/** Checkpoint form: per day slot, its day index (−1 empty) and 24 hourly counts. */
export interface FeedWatchState {
  days: number[]
  counts: number[]
}

/** What {@link FeedWatch.check} reports when a silence has just become an outage. */
export interface Silence {
  silentMs: number
  /** Requests the history expected in the silence, or null without history. */
  expected: number | null
  /** When the feed last delivered (ms). */
  since: number
}

/** Hours of silence over which the expectation is summed (longer silences expect more anyway). */
const MAX_HOURS = 72

export class FeedWatch {
  private alerted = false
  private readonly expected: number
  private readonly learnDays: number
  private readonly days: Int32Array
  private readonly counts: Uint32Array

  constructor(
    private lastFedAt: number,
    private readonly opts: FeedWatchOptions,
  ) {
    this.expected = opts.expected ?? 5
    this.learnDays = opts.learnDays ?? 28
    this.days = new Int32Array(this.learnDays).fill(-1)
    this.counts = new Uint32Array(this.learnDays * 24)
  }

  /** Notes an ingest. */
  fed(now: number): void {
    this.lastFedAt = now
    this.alerted = false
  }

  /** Restores the time of the last ingest after a restart (the alert state starts afresh). */
  resume(lastFedAt: number): void {
    this.lastFedAt = lastFedAt
  }

  /** Learns from a request created at `at` (live or replayed). */
  learn(at: number): void {
    const day = dayIndex(at)
    const slot = day % this.learnDays
    const held = this.days[slot]
    if (held > day) return
    if (held !== day) {
      this.days[slot] = day
      this.counts.fill(0, slot * 24, slot * 24 + 24)
    }
    this.counts[slot * 24 + hourOfDay(at)]++
  }

  /** Mean requests in hour `h` of the complete days before `today` in the window; null without one. */
  rate(h: number, today: number): number | null {
    let sum = 0
    let n = 0
    for (let s = 0; s < this.learnDays; s++) {
      const d = this.days[s]
      if (d < 0 || d >= today || d < today - this.learnDays) continue
      sum += this.counts[s * 24 + h]
      n++
    }
    return n ? sum / n : null
  }

  /** Requests expected between `from` and `to` by the learnt hourly rates (capped at 72 h); null without history. */
  expectedBetween(from: number, to: number): number | null {
    const today = dayIndex(to)
    let total = 0
    let t = Math.max(from, to - MAX_HOURS * HOUR_MS)
    while (t < to) {
      const next = Math.min(to, (Math.floor(t / HOUR_MS) + 1) * HOUR_MS)
      const r = this.rate(hourOfDay(t), today)
      if (r === null) return null
      total += (r * (next - t)) / HOUR_MS
      t = next
    }
    return total
  }

  /** The silence when it has just become an outage, else null. */
  check(now: number): Silence | null {
    if (this.alerted) return null
    const silentMs = now - this.lastFedAt
    if (silentMs < this.opts.staleMs) return null
    const expected = this.expectedBetween(this.lastFedAt, now)
    if (expected !== null && expected < this.expected) return null
    this.alerted = true
    return { silentMs, expected, since: this.lastFedAt }
  }

  toState(): FeedWatchState {
    return { days: Array.from(this.days), counts: Array.from(this.counts) }
  }

  fromState(st: FeedWatchState | undefined): void {
    if (!st || st.days.length !== this.learnDays || st.counts.length !== this.learnDays * 24) return
    this.days.set(st.days)
    this.counts.set(st.counts)
  }
}
