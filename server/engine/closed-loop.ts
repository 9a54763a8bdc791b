/**
 * The closed loop beside the region counters (有人办、有人管、有结果): department figures, the stage
 * board, the day's flow and hot words. The aggregator calls `retract` before a request changes and
 * `apply` after, as it does for its own counters, so these figures are exact under late, repeated
 * and out-of-order events; the engine hands it new summaries, ticks, checkpoints and restores.
 */
import { DF, foldDepartments } from '../../shared/kpi/department-contribution.ts'
import { KEY_STRIDE } from '../../shared/kpi/bucket-fields.ts'
import type { FoldParams } from '../../shared/kpi/request-contribution.ts'
import { LEVELS } from '../../shared/region-types.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex, DAY_MS } from '../../shared/time-windows.ts'
import { BucketKind, type StateRows, type StateTables } from '../store/event-store.ts'
import type { RequestRecord } from './aggregator.ts'
import { DepartmentBook } from './department-book.ts'
import { FlowBook } from './flow-book.ts'
import { HotWordBook } from './hot-word-book.ts'
import { StageBoard } from './stage-board.ts'

export interface ClosedLoopOptions {
  /** Departments kept per region, the rest as 其他. @default 40 */
  departmentsPerRegion?: number
  /** With state tables: days of department counters held in memory. @default 8 */
  departmentHotDays?: number
  /** Days of department counters kept (months are kept for all). @default 62 */
  departmentRetentionDays?: number
  /** How long a completed request waits for its return visit on the stage board (at most the time a closed request stays in memory). @default 3 days */
  visitWindowMs?: number
  /** Terms per hot-word sketch. @default 96 */
  hotWordCapacity?: number
}

/** Lowest level with department figures (communities and grids show their street's). */
export const DEPARTMENT_LEVEL = 'street'
/** Lowest level with hot words. */
export const HOT_WORD_LEVEL = 'district'

interface Live {
  chain: Int32Array
  holder: string
  overdue: boolean
}

export class ClosedLoop {
  readonly departments: DepartmentBook
  readonly stages: StageBoard
  readonly flow: FlowBook
  readonly words: HotWordBook
  /** Regions (by index) with department figures. */
  private readonly deptKept: Uint8Array
  /** Open requests with a department: where they are counted. */
  private readonly live = new Map<string, Live>()
  /** Open and overdue now per region: `[open, overdue]` per department slot. */
  private readonly nowCounts = new Map<number, Float64Array>()
  private today = -1
  private chain: Int32Array = new Int32Array(0)
  // The contribution diff of one update (retract, then apply): what cancels out is never written.
  private accDept: (string | null)[] = []
  private accKey: number[] = []
  private accVal: number[] = []
  private accLen = 0
  /** The request whose retraction is in the diff. */
  private retracted: string | null = null
  private readonly sink = (dept: string | null, k: number, d: number): void => {
    for (let i = this.accLen - 1; i >= 0; i--) {
      if (this.accKey[i] === k && this.accDept[i] === dept) {
        this.accVal[i] += d
        return
      }
    }
    const n = this.accLen++
    this.accDept[n] = dept
    this.accKey[n] = k
    this.accVal[n] = d
  }

  /** Writes the diff to the books of the regions of `chain`. */
  private flush(): void {
    for (let i = 0; i < this.accLen; i++) {
      const d = this.accVal[i]
      if (d === 0) continue
      const k = this.accKey[i]
      const dept = this.accDept[i]
      // Truncated to a small integer: a float here would box a number on every bucket lookup.
      const day = (k / KEY_STRIDE) | 0
      const field = k - day * KEY_STRIDE
      if (field === DF.dispatched || field === DF.signed) this.flow.add(this.chain, day, field === DF.dispatched ? 0 : 1, d)
      if (dept === null) continue
      for (const region of this.chain) {
        if (!this.deptKept[region]) continue
        this.departments.add(region, this.departments.slot(region, dept), day, field, d)
      }
    }
    this.accLen = 0
    this.accDept.fill(null)
  }

  constructor(
    readonly tree: RegionTree,
    private readonly chainOf: (region: number) => Int32Array,
    private readonly params: FoldParams,
    /** Marks a region's figures changed (its snapshot is rebuilt). */
    private readonly bump: (region: number) => void,
    opts: ClosedLoopOptions = {},
  ) {
    const deptDepth = LEVELS.indexOf(DEPARTMENT_LEVEL)
    const wordDepth = LEVELS.indexOf(HOT_WORD_LEVEL)
    this.deptKept = Uint8Array.from(tree.nodes, (n) => (LEVELS.indexOf(n.level) <= deptDepth ? 1 : 0))
    const wordKept = Uint8Array.from(tree.nodes, (n) => (LEVELS.indexOf(n.level) <= wordDepth ? 1 : 0))
    this.departments = new DepartmentBook({
      cap: opts.departmentsPerRegion ?? 40,
      hotDays: opts.departmentHotDays ?? 8,
      retentionDays: opts.departmentRetentionDays ?? 62,
    })
    this.stages = new StageBoard(opts.visitWindowMs ?? 3 * DAY_MS, tree.size)
    this.stages.onChange = bump
    this.flow = new FlowBook(tree.size)
    this.words = new HotWordBook(opts.hotWordCapacity ?? 96, (i) => wordKept[i] === 1)
  }

  /** Whether a region has department figures of its own. */
  hasDepartments(region: number): boolean {
    return this.deptKept[region] === 1
  }

  private advance(now: number): void {
    const today = dayIndex(now)
    if (today === this.today) return
    this.today = today
    this.departments.advanceDay(today)
    this.flow.advanceDay(today)
  }

  /** Before request `r` changes: takes back what it contributed when last applied (at `r.evalNow`). */
  retract(r: RequestRecord, now: number): void {
    if (!r.created) return
    this.advance(now)
    this.accLen = 0
    this.retracted = r.id
    this.params.now = r.evalNow
    foldDepartments(r.created, r.events, this.params, this.sink, -1)
  }

  /** After request `r` changed (or time moved it): adds what it contributes at `now`. */
  apply(r: RequestRecord, now: number): void {
    if (!r.created || !r.state) return
    this.advance(now)
    if (this.retracted !== r.id) this.accLen = 0
    this.retracted = null
    this.chain = this.chainOf(r.created.region)
    this.params.now = now
    const holder = foldDepartments(r.created, r.events, this.params, this.sink, 1)
    this.flush()
    const live = this.live.get(r.id)
    const open = holder !== null && r.state.open
    if (live && open && live.holder === holder && live.overdue === r.state.overdue) {
      // Unchanged: nothing to move.
    } else {
      if (live) this.unlive(r.id)
      if (open) this.setLive(r.id, { chain: this.chain, holder, overdue: r.state.overdue })
    }
    this.stages.set(r.id, r.created, r.events, this.chain, now)
  }

  private setLive(id: string, l: Live): void {
    this.live.set(id, l)
    this.count(l, 1)
  }

  private unlive(id: string): void {
    const l = this.live.get(id)
    if (!l) return
    this.live.delete(id)
    this.count(l, -1)
  }

  private count(l: Live, sign: number): void {
    for (const region of l.chain) {
      if (!this.deptKept[region]) continue
      const slot = this.departments.slot(region, l.holder)
      let c = this.nowCounts.get(region)
      if (!c || c.length < (slot + 1) * 2) {
        const grown = new Float64Array(Math.max((slot + 1) * 2, 16))
        if (c) grown.set(c)
        this.nowCounts.set(region, (c = grown))
      }
      c[slot * 2] += sign
      if (l.overdue) c[slot * 2 + 1] += sign
    }
  }

  /** Open and overdue now of department `slot` of `region`. */
  nowOf(region: number, slot: number): [number, number] {
    const c = this.nowCounts.get(region)
    return c && c.length >= (slot + 1) * 2 ? [c[slot * 2], c[slot * 2 + 1]] : [0, 0]
  }

  /** A new request's masked summary, for hot words. */
  summary(region: number, at: number, summary: string, now: number): void {
    if (this.words.record(this.chainOf(region), at, summary, now)) for (const i of this.chainOf(region)) if (this.words.kept(i)) this.bump(i)
  }

  /** Time passing: stage bands, the day, the hot-word blocks. */
  tick(now: number): void {
    this.advance(now)
    this.stages.tick(now)
    // The windows of the words moved: their regions' snapshots are built again.
    if (this.words.advance(now)) for (const region of this.words.regions()) this.bump(region)
  }

  /**
   * Rebuilds what is derived from the requests in memory (after a restore, before any snapshot:
   * the regions' figures are not marked changed one by one).
   */
  rebuild(requests: Iterable<RequestRecord>, now: number): void {
    this.advance(now)
    const none = () => {}
    const onChange = this.stages.onChange
    this.stages.onChange = null
    for (const r of requests) {
      if (!r.created || !r.state) continue
      this.params.now = r.evalNow
      const holder = foldDepartments(r.created, r.events, this.params, none, 0)
      const chain = this.chainOf(r.created.region)
      if (holder !== null && r.state.open) this.setLive(r.id, { chain, holder, overdue: r.state.overdue })
      this.stages.set(r.id, r.created, r.events, chain, now)
    }
    this.stages.onChange = onChange
  }

  get unsavedRows(): number {
    return this.departments.unsavedRows + this.flow.unsavedRows + this.words.unsavedRows
  }

  /** The rows changed since the last checkpoint as they are now, handed out `max` at a time. */
  captureRows(): (max: number) => StateRows | null {
    const d = this.departments.capture()
    const flow = this.flow.capture()
    const words = this.words.capture()
    return (max) => {
      const rows: StateRows = { buckets: [], requests: [], kv: [] }
      let n = d.buckets.fill(rows.buckets, max)
      n += flow.fill(rows.buckets, max - n)
      n += d.names.fill(rows.kv, max - n)
      if (n < max) n += words.fill(rows.kv, max - n)
      return n === 0 ? null : rows
    }
  }

  persisted(): void {
    this.departments.persisted()
  }

  /** Loads from the state tables, then rebuilds from the requests in memory. */
  load(tables: StateTables, requests: Iterable<RequestRecord>, now: number): void {
    this.departments.load(tables, dayIndex(now))
    this.flow.load(tables.buckets(BucketKind.flowDay, dayIndex(now) - 1), dayIndex(now))
    this.words.open(tables, now)
    this.rebuild(requests, now)
  }

  set tables(t: StateTables | null) {
    this.departments.tables = t
  }
}
