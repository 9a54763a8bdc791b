/**
 * Grid management (网格化管理): workers on duty per grid (`duty-book.ts`), the grids patrolled each
 * day and each grid's last patrol (`last-patrol.ts`), and their counters (在岗, 巡查次数, 巡查网格, 最近巡查) in
 * every region of the grid's chain.
 */
import { F } from '../../shared/kpi/bucket-fields.ts'
import type { GridEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { StateTables } from '../store/event-store.ts'
import type { KvRow, KvRowSource } from './block-rows.ts'
import { CapturedRows } from './captured-rows.ts'
import { DutyBook } from './duty-book.ts'
import { LastPatrol } from './last-patrol.ts'
import { NoSet } from './no-set.ts'
import type { RegionCounters } from './region-counters.ts'

export class GridBook {
  /** Latest duty event per grid and worker. */
  private readonly duty = new DutyBook()
  /** Grids patrolled, by day. */
  private readonly patrolled = new Map<number, Set<number>>()
  /** Patrol days changed since the last checkpoint. */
  private dirtyDays: Set<number> = new NoSet()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturingDays: CapturedRows<number, KvRow> | null = null
  /** 最近巡查 of every grid and region. */
  readonly lastPatrol: LastPatrol

  constructor(
    private readonly tree: RegionTree,
    private readonly counters: RegionCounters,
    private readonly chain: (index: number) => Int32Array,
  ) {
    this.lastPatrol = new LastPatrol(tree.parentIndex)
  }

  track(): void {
    if (this.dirtyDays instanceof NoSet) this.dirtyDays = new Set()
    this.duty.track()
    this.lastPatrol.track()
  }

  apply(e: GridEvent): void {
    const grid = this.tree.indexOf(e.grid)
    const at = Date.parse(e.at)
    const chain = this.chain(grid)
    const c = this.counters
    if (e.type === 'grid.patrol') {
      this.lastPatrol.record(chain, at)
      const day = dayIndex(at)
      const month = c.month(day)
      let grids = this.patrolled.get(day)
      if (!grids) this.patrolled.set(day, (grids = new Set()))
      const first = !grids.has(grid)
      if (first) {
        this.changeDay(day)
        grids.add(grid)
      }
      for (let i = 0; i < chain.length; i++) {
        const m = c.monthToChange(chain[i], month)
        m[F.patrols]++
        if (first) m[F.patrolledGrids]++
        if (c.keepsDay(chain[i], day)) {
          const d = c.dayToChange(chain[i], day)
          d[F.patrols]++
          if (first) d[F.patrolledGrids]++
        }
        c.statsOf(chain[i]).version++
      }
      return
    }
    const key = `${e.grid}|${e.worker}`
    const prev = this.duty.get(grid, key)
    if (prev && prev.at > at) return
    const on = e.type === 'grid.duty_on'
    this.duty.set(grid, key, { at, on })
    const d = (on ? 1 : 0) - (prev?.on ? 1 : 0)
    if (d === 0) return
    for (let i = 0; i < chain.length; i++) {
      const s = c.statsOf(chain[i])
      s.onDuty += d
      s.version++
    }
  }

  /** Forgets the patrols of days past the grids' daily history. */
  rollover(today: number): void {
    for (const day of this.patrolled.keys()) {
      if (day > today - this.counters.gridRetentionDays) continue
      this.changeDay(day)
      this.patrolled.delete(day)
    }
  }

  /** The patrolled grids of `day` are about to change: marked, and encoded first if the checkpoint being encoded took them. */
  private changeDay(day: number): void {
    this.capturingDays?.touch(day)
    this.dirtyDays.add(day)
  }

  /** A day's row: its patrolled grids as int32 indexes (null: none). */
  private dayRow(day: number): KvRow {
    const grids = this.patrolled.get(day)
    return { k: `p:${day}`, v: grids ? new Uint8Array(Int32Array.from(grids).buffer) : null }
  }

  /**
   * Takes the rows changed since the last checkpoint as they are now, without copying them: the
   * patrol days, the duty blocks, then the last patrols' blocks, encoded a slice at a time; a row
   * about to change before its slice is encoded first.
   */
  capture(): KvRowSource {
    const days = (this.capturingDays = new CapturedRows(this.dirtyDays, (day) => this.dayRow(day)))
    this.dirtyDays = new Set()
    const duty = this.duty.capture()
    const lastPatrols = this.lastPatrol.capture()
    return {
      fill: (out, room) => {
        let n = days.fill(out, room)
        if (days.done && this.capturingDays === days) this.capturingDays = null
        n += duty.fill(out, room - n)
        return n + lastPatrols.fill(out, room - n)
      },
    }
  }

  /** Loads duty and patrols from the state tables (the counters are loaded already). */
  load(tables: StateTables): void {
    this.track()
    const rows = (prefix: string) => tables.kv(prefix)
    // Workers on duty per grid, summed up the tree in one pass from the end (children follow their parents).
    const onDuty = new Int32Array(this.tree.size)
    this.duty.load(rows, (code) => this.tree.indexOf(code), (grid, d) => (onDuty[grid] += d))
    const parents = this.tree.parentIndex
    for (let i = onDuty.length - 1; i >= 0; i--) {
      if (!onDuty[i]) continue
      if (parents[i] >= 0) onDuty[parents[i]] += onDuty[i]
      this.counters.statsOf(i).onDuty += onDuty[i]
    }
    for (const { k, v } of tables.kv('p:')) this.patrolled.set(Number(k.slice(2)), new Set(new Int32Array(v.slice().buffer)))
    this.lastPatrol.load(rows)
  }

  get unsaved(): number {
    return this.duty.unsaved + this.dirtyDays.size + this.lastPatrol.unsaved
  }
}
