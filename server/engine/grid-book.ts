/**
 * Grid management (网格化管理): workers on duty per grid, the grids patrolled each day and each
 * grid's last patrol (`last-patrol.ts`), and their counters (在岗, 巡查次数, 巡查网格, 最近巡查) in
 * every region of the grid's chain.
 */
import { F } from '../../shared/kpi/bucket-fields.ts'
import type { GridEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { StateRows, StateTables } from '../store/event-store.ts'
import { CapturedRows } from './captured-rows.ts'
import { decodeDuty, type Duty, type DutyAt, dutyRows } from './duty-rows.ts'
import { LastPatrol } from './last-patrol.ts'
import { NoSet } from './no-set.ts'
import type { RegionCounters } from './region-counters.ts'

/** Kv rows of a checkpoint, handed out a slice at a time. */
export interface KvRowSource {
  /** Moves up to `room` rows into `out`; returns how many. */
  fill(out: StateRows['kv'], room: number): number
}

export class GridBook {
  /** Latest duty event per `grid|worker`. */
  private readonly duty = new Map<string, Duty>()
  /** Grids patrolled, by day. */
  private readonly patrolled = new Map<number, Set<number>>()
  /** Duty keys (`grid|worker`) and patrol days changed since the last checkpoint. */
  private dirtyDuty: Set<string> = new NoSet()
  private dirtyDays: Set<number> = new NoSet()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturingDuty: CapturedRows<string, DutyAt> | null = null
  private capturingDays: CapturedRows<number, StateRows['kv'][number]> | null = null
  /** 最近巡查 of every grid and region. */
  readonly lastPatrol: LastPatrol

  constructor(
    private readonly tree: RegionTree,
    private readonly counters: RegionCounters,
    private readonly chain: (index: number) => Int32Array,
  ) {
    this.lastPatrol = new LastPatrol(tree.size)
  }

  track(): void {
    if (this.dirtyDuty instanceof NoSet) {
      this.dirtyDuty = new Set()
      this.dirtyDays = new Set()
    }
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
    const prev = this.duty.get(key)
    if (prev && prev.at > at) return
    const on = e.type === 'grid.duty_on'
    this.capturingDuty?.touch(key)
    this.duty.set(key, { at, on })
    this.dirtyDuty.add(key)
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
  private dayRow(day: number): StateRows['kv'][number] {
    const grids = this.patrolled.get(day)
    return { k: `p:${day}`, v: grids ? new Uint8Array(Int32Array.from(grids).buffer) : null }
  }

  /**
   * Takes the rows changed since the last checkpoint as they are now, without copying them: the
   * patrol days, the duty values (one buffer a slice, not one a row), then the last patrols, encoded
   * a slice at a time; a row about to change before its slice is encoded first.
   */
  capture(): KvRowSource {
    const days = (this.capturingDays = new CapturedRows(this.dirtyDays, (day) => this.dayRow(day)))
    const duty = (this.capturingDuty = new CapturedRows(this.dirtyDuty, (key): DutyAt => [key, this.duty.get(key)]))
    this.dirtyDays = new Set()
    this.dirtyDuty = new Set()
    const lastPatrols = this.lastPatrol.capture()
    return {
      fill: (out, room) => {
        let n = days.fill(out, room)
        n += dutyRows(duty, out, room - n)
        if (days.done && this.capturingDays === days) this.capturingDays = null
        if (duty.done && this.capturingDuty === duty) this.capturingDuty = null
        return n + lastPatrols.fill(out, room - n)
      },
    }
  }

  /** Loads duty and patrols from the state tables (the counters are loaded already). */
  load(tables: StateTables): void {
    this.track()
    for (const { k, v } of tables.kv('u:')) {
      const d = decodeDuty(v)
      const key = k.slice(2)
      this.duty.set(key, d)
      if (!d.on) continue
      for (const i of this.chain(this.tree.indexOf(key.slice(0, key.indexOf('|'))))) this.counters.statsOf(i).onDuty++
    }
    for (const { k, v } of tables.kv('p:')) this.patrolled.set(Number(k.slice(2)), new Set(new Int32Array(v.slice().buffer)))
    this.lastPatrol.load(tables.kv('lp:'), this.chain)
  }

  get unsaved(): number {
    return this.dirtyDuty.size + this.dirtyDays.size + this.lastPatrol.unsaved
  }
}
