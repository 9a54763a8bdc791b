/**
 * The last snapshot built of each region, kept while its figures and the day hold; when only the
 * figures of the region whose departments it shows changed (a community's or grid's street), only
 * its department panel is built again.
 */
import { LRUCache } from 'lru-cache'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { Aggregator } from './aggregator.ts'
import type { ClosedLoop } from './closed-loop.ts'
import { departmentPanel, departmentScope } from './closed-loop-figures.ts'
import { lastShift } from './last-shift.ts'
import { buildSnapshot } from './snapshot.ts'
import { sharedPanel } from './snapshot-shared.ts'

/** What a snapshot says of the moment it is read, not of its figures. */
export type ClockFields = Pick<Snapshot, 'asOf' | 'lastEventAt' | 'overdueAge'>
const CLOCK_FIELDS = ['asOf', 'lastEventAt', 'overdueAge'] as const

interface Entry {
  /** The region's version, and its department scope's (0 when itself), when `snap` was built. */
  own: number
  shown: number
  today: number
  snap: Snapshot
}

export class SnapshotCache {
  private readonly cache = new LRUCache<number, Entry>({ max: 5000 })
  /** Department panels by scope, built once per version of the scope for all regions showing it. */
  private readonly panels = new Map<number, { version: number; today: number; panel: NonNullable<Snapshot['closedLoop']>['departments'] }>()
  /** Each snapshot built as JSON text, less its clock fields and closing brace (gone with the snapshot). */
  private readonly texts = new WeakMap<Snapshot, string>()

  constructor(
    private readonly agg: Aggregator,
    private readonly loop: ClosedLoop,
  ) {}

  /** Changes whenever region `index`'s snapshot may: its figures, or its department scope's. */
  version(index: number): number {
    const scope = departmentScope(this.agg, this.loop, index)
    return this.agg.version(index) + (scope === index ? 0 : this.agg.version(scope))
  }

  /** The snapshot of region `index` at `now` (its clock fields as cached: the caller sets them). */
  get(index: number, now: number, today: number): Snapshot {
    const own = this.agg.version(index)
    const scope = departmentScope(this.agg, this.loop, index)
    const shown = scope === index ? 0 : this.agg.version(scope)
    const hit = this.cache.get(index)
    if (hit && hit.own === own && hit.today === today) {
      if (hit.shown !== shown && hit.snap.closedLoop) {
        hit.snap = { ...hit.snap, closedLoop: { ...hit.snap.closedLoop, departments: this.panel(scope, shown, today) } }
        hit.shown = shown
      }
      return hit.snap
    }
    const shift = lastShift(this.agg, index, today)
    const snap = { ...buildSnapshot(this.agg, index, now, today, this.loop), ...(shift && { lastShift: shift }) }
    this.cache.set(index, { own, shown, today, snap })
    return snap
  }

  /**
   * The snapshot of region `index` as JSON text with `clock` fields: the figures are serialised
   * once per snapshot built, not on every read (a province's root is about 17 KB).
   */
  json(index: number, now: number, today: number, clock: ClockFields): string {
    const snap = this.get(index, now, today)
    let head = this.texts.get(snap)
    if (head === undefined) {
      const figures: Partial<Snapshot> = { ...snap }
      for (const k of CLOCK_FIELDS) delete figures[k]
      head = JSON.stringify(figures).slice(0, -1)
      this.texts.set(snap, head)
    }
    const tail = JSON.stringify(clock).slice(1)
    return head.length > 1 ? `${head},${tail}` : `{${tail}`
  }

  private panel(scope: number, version: number, today: number): NonNullable<Snapshot['closedLoop']>['departments'] {
    const p = this.panels.get(scope)
    if (p && p.version === version && p.today === today) return p.panel
    const panel = sharedPanel(this.agg, departmentPanel(this.agg, this.loop, scope, today))
    this.panels.set(scope, { version, today, panel })
    return panel
  }
}
