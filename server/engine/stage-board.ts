/**
 * The stage board (工单阶段看板): per region, requests in each stage by age band, kept as counts that
 * move when a request changes stage or, with time alone, crosses a band. Derived from the requests
 * held in memory (every open request, and every request completed within the visit window, which
 * is never longer than the time a closed request stays in memory), so a restart rebuilds it.
 */
import { AGE_BANDS, STAGES } from '../../shared/department-types.ts'
import { ageBand, nextStageChange, stageOf } from '../../shared/kpi/request-stage.ts'
import type { CreatedInfo, LifeEvent } from '../../shared/kpi/request-contribution.ts'
import { TimeHeap } from '../../shared/time-heap.ts'

const WIDTH = STAGES.length * AGE_BANDS.length

interface Entry {
  id: string
  chain: Int32Array
  stage: number
  since: number
  band: number
  /** When the band (or the stage) changes with time. */
  next: number
}

export class StageBoard {
  private readonly entries = new Map<string, Entry>()
  /** Counts of every region, `WIDTH` a region, in one array (a province has over a hundred thousand regions). */
  private readonly counts: Float64Array
  private readonly timers = new TimeHeap<Entry>()
  /** Bumped for each region whose counts changed. */
  onChange: ((region: number) => void) | null = null

  constructor(
    readonly visitWindowMs: number,
    regions: number,
  ) {
    this.counts = new Float64Array(regions * WIDTH)
  }

  /** Counts of a region, `stage * AGE_BANDS.length + band`. */
  of(region: number): Float64Array {
    return this.counts.subarray(region * WIDTH, region * WIDTH + WIDTH)
  }

  private move(e: Entry, sign: number): void {
    const k = e.stage * AGE_BANDS.length + e.band
    for (const region of e.chain) {
      this.counts[region * WIDTH + k] += sign
      this.onChange?.(region)
    }
  }

  /** Sets a request's stage from its events at `now` (or removes it). */
  set(id: string, c: CreatedInfo | null, events: readonly LifeEvent[], chain: Int32Array, now: number): void {
    const old = this.entries.get(id)
    const st = c ? stageOf(c, events, now, this.visitWindowMs) : null
    if (old && st && old.stage === st.stage && old.since === st.since && old.chain === chain) return
    if (old) {
      this.move(old, -1)
      this.entries.delete(id)
    }
    if (!st) return
    const e: Entry = { id, chain, stage: st.stage, since: st.since, band: ageBand(st.since, now), next: nextStageChange(st.stage, st.since, now, this.visitWindowMs) }
    this.entries.set(id, e)
    this.move(e, 1)
    if (e.next !== Infinity) this.timers.push(e.next, e)
  }

  /** Moves requests whose band or stage changed with time. */
  tick(now: number): void {
    while (this.timers.peekTime() <= now) {
      const e = this.timers.pop()!
      if (this.entries.get(e.id) !== e || e.next > now) continue
      this.move(e, -1)
      const visitOver = e.stage === STAGES.indexOf('awaitingVisit') && now - e.since >= this.visitWindowMs
      if (visitOver) {
        this.entries.delete(e.id)
        continue
      }
      e.band = ageBand(e.since, now)
      e.next = nextStageChange(e.stage, e.since, now, this.visitWindowMs)
      this.move(e, 1)
      if (e.next !== Infinity) this.timers.push(e.next, e)
    }
  }

  get size(): number {
    return this.entries.size
  }
}
