/** Feed-stale detection (数据中断): no event ingested for a configured time during working hours. */
import { hourOfDay } from '../../shared/time-windows.ts'

export class FeedWatch {
  private alerted = false

  constructor(
    private lastEventAt: number,
    private readonly staleMs: number,
    private readonly workHours: [number, number],
  ) {}

  /** Notes an ingest. */
  fed(now: number): void {
    this.lastEventAt = now
    this.alerted = false
  }

  /** Returns the silence in ms when it has just become an outage, else null. */
  check(now: number): number | null {
    if (this.alerted) return null
    const silent = now - this.lastEventAt
    const h = hourOfDay(now)
    if (silent < this.staleMs || h < this.workHours[0] || h >= this.workHours[1]) return null
    this.alerted = true
    return silent
  }
}
