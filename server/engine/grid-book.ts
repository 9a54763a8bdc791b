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
import { LastPatrol } from './last-patrol.ts'
import { NoSet } from './no-set.ts'
import type { RegionCounters } from './region-counters.ts'

/** Kv rows of a checkpoint, handed out a slice at a time. */
export interface KvRowSource {
  /** Moves up to `room` rows into `out`; returns how many. */
  fill(out: StateRows['kv'], room: number): number
}

interface Duty {
  at: number
  on: boolean
}

export class GridBook {
  /** Latest duty event per `grid|worker`. */
  private readonly duty = new Map<string, Duty>()
  /** Grids patrolled, by day. */
  private readonly patrolled = new Map<number, Set<number>>()
  /** Duty keys (`grid|worker`) and patrol days changed since the last checkpoint. */
  private dirtyDuty: Set<string> = new NoSet()
  private dirtyDays: Set<number> = new NoSet()
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
        grids.add(grid)
        this.dirtyDays.add(day)
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
      this.patrolled.delete(day)
      this.dirtyDays.add(day)
    }
  }

  /**
   * The rows changed since the last checkpoint as they are now: a day's patrolled grids are
   * encoded at once (few rows), duty values are copied and encoded a slice at a time (one buffer a
   * slice, not one a row), then the last patrols.
   */
  capture(): KvRowSource {
    const patrols = [...this.dirtyDays].map((day): StateRows['kv'][number] => {
      const grids = this.patrolled.get(day)
      return { k: `p:${day}`, v: grids ? new Uint8Array(Int32Array.from(grids).buffer) : null }
    })
    this.dirtyDays.clear()
    const keys = [...this.dirtyDuty]
    this.dirtyDuty.clear()
    const at = new Float64Array(keys.length)
    const on = new Uint8Array(keys.length)
    keys.forEach((key, i) => {
      const d = this.duty.get(key)
      at[i] = d ? d.at : NaN
      on[i] = d?.on ? 1 : 0
    })
    const lastPatrols = this.lastPatrol.capture()
    let p = 0
    let u = 0
    return {
      fill(out, room) {
        let n = 0
        for (; n < room && p < patrols.length; n++) out.push(patrols[p++])
        const take = Math.min(room - n, keys.length - u)
        const buf = new Uint8Array(take * 9)
        const view = new DataView(buf.buffer)
        for (let j = 0; j < take; j++, u++) {
          if (Number.isNaN(at[u])) {
            out.push({ k: `u:${keys[u]}`, v: null })
            continue
          }
          view.setFloat64(j * 9, at[u], true)
          buf[j * 9 + 8] = on[u]
          out.push({ k: `u:${keys[u]}`, v: buf.subarray(j * 9, j * 9 + 9) })
        }
        n += take
        return n + lastPatrols.fill(out, room - n)
      },
    }
  }

  /** Loads duty and patrols from the state tables (the counters are loaded already). */
  load(tables: StateTables): void {
    this.track()
    for (const { k, v } of tables.kv('u:')) {
      const dv = new DataView(v.buffer, v.byteOffset, v.byteLength)
      const d = { at: dv.getFloat64(0, true), on: v[8] === 1 }
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
