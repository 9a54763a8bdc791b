/**
 * Today's located requests for the map's point layer: for each request created today (Asia/Shanghai)
 * with a `location`, where it is (rounded, {@link roundLocation}), its category, its region and its
 * state (open / overdue / completed 办结 / unresolved 未办结关闭). The engine hands it new requests and every change of one (the
 * aggregator's update hooks); invalidated requests leave it, and the day's points all leave at 00:00.
 *
 * Bounded: at most `pointsPerDay` points for the whole pack (the root), first come first kept; a
 * located request beyond that is counted in `dropped` (`yiwang_map_points_dropped_total`).
 *
 * Exact after a restart: each changed point is a kv row (`p:<requestId>`) of the next incremental
 * checkpoint, deleted (a null row) when it leaves; a start loads today's rows and drops older ones.
 */
import { CATEGORIES } from '../../shared/categories.ts'
import type { RequestCreated } from '../../shared/events.ts'
import type { MapPointState, RegionPoints } from '../../shared/map-points.ts'
import { MAP_POINT_STATES, roundLocation } from '../../shared/map-points.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import { dayIndex, dayToDate } from '../../shared/time-windows.ts'
import type { RequestRecord } from './request-record.ts'

export interface PointBookOptions {
  /** Located requests kept per day for the whole pack; the rest are counted as dropped. @default 20000 */
  pointsPerDay?: number
}

/** One kept point: lon, lat (rounded), category index, region index, state, created at (ms). */
type Point = [lon: number, lat: number, category: number, region: number, state: MapPointState, at: number]

const KEY = 'm:'
const STATES: readonly MapPointState[] = MAP_POINT_STATES

/** A request's state on the map, or null when it is not a valid request (invalidated). */
function stateOf(r: RequestRecord): MapPointState | null {
  const s = r.state
  if (!s || !s.valid) return null
  if (!s.open) return s.unresolved ? 'unresolved' : 'completed'
  return s.overdue ? 'overdue' : 'open'
}

export class PointBook {
  readonly cap: number
  /** Located requests not kept because the day's cap was reached (grows while the process lives). */
  dropped = 0
  private readonly points = new Map<string, Point>()
  /** Ids whose row changed since the last checkpoint. */
  private readonly dirty = new Set<string>()
  /** End (exclusive) of each region's subtree in the tree's pre-order indexes. */
  private readonly subtreeEnd: Int32Array
  private today = -1

  constructor(
    private readonly tree: RegionTree,
    opts: PointBookOptions = {},
  ) {
    this.cap = opts.pointsPerDay ?? 20_000
    const end = new Int32Array(tree.size)
    for (let i = tree.size - 1; i >= 0; i--) {
      const kids = tree.childIndices(i)
      end[i] = kids.length ? end[kids[kids.length - 1]] : i + 1
    }
    this.subtreeEnd = end
  }

  /** Points kept now. */
  get size(): number {
    return this.points.size
  }

  /** At a new day, yesterday's points leave. */
  private advance(now: number): void {
    const today = dayIndex(now)
    if (today === this.today) return
    this.today = today
    for (const [id, p] of this.points) {
      if (dayIndex(p[5]) === today) continue
      this.points.delete(id)
      this.dirty.add(id)
    }
  }

  /** A request just created (`r` as the aggregator holds it now): kept when located and of today. */
  created(e: RequestCreated, r: RequestRecord | undefined, now: number): void {
    this.advance(now)
    if (!e.location || !r?.created || this.points.has(r.id)) return
    if (dayIndex(r.created.at) !== this.today) return
    const state = stateOf(r)
    if (!state) return
    if (this.points.size >= this.cap) {
      this.dropped++
      return
    }
    const [lon, lat] = roundLocation(e.location)
    this.points.set(r.id, [lon, lat, r.created.category, r.created.region, state, r.created.at])
    this.dirty.add(r.id)
  }

  /** A request changed (an event or time passing): its point follows its state. */
  changed(r: RequestRecord, now: number): void {
    this.advance(now)
    const p = this.points.get(r.id)
    if (!p) return
    const state = stateOf(r)
    if (state === p[4]) return
    if (state) p[4] = state
    else this.points.delete(r.id)
    this.dirty.add(r.id)
  }

  /** Today's points of region `index`'s subtree. */
  of(index: number, now: number): RegionPoints {
    this.advance(now)
    const end = this.subtreeEnd[index]
    const points: RegionPoints['points'] = []
    for (const [lon, lat, category, region, state, at] of this.points.values()) {
      if (region < index || region >= end) continue
      points.push({ location: [lon, lat], category: CATEGORIES[category], state, at })
    }
    points.sort((a, b) => a.at - b.at)
    return { region: this.tree.nodes[index].code, date: dayToDate(this.today), asOf: now, capped: this.points.size >= this.cap, points }
  }

  get unsavedRows(): number {
    return this.dirty.size
  }

  /** Changed points as kv rows (null: the point left). */
  capture(): { k: string; v: Uint8Array | null }[] {
    const enc = new TextEncoder()
    const rows = [...this.dirty].map((id) => {
      const p = this.points.get(id)
      return { k: KEY + id, v: p ? enc.encode(JSON.stringify(p)) : null }
    })
    this.dirty.clear()
    return rows
  }

  /** Loads today's points from kv rows; rows of earlier days are deleted with the next checkpoint. */
  load(rows: Iterable<{ k: string; v: Uint8Array }>, now: number): void {
    const dec = new TextDecoder()
    this.today = dayIndex(now)
    for (const { k, v } of rows) {
      const id = k.slice(KEY.length)
      const p = JSON.parse(dec.decode(v)) as Point
      if (dayIndex(p[5]) === this.today && STATES.includes(p[4]) && p[3] < this.tree.size) this.points.set(id, p)
      else this.dirty.add(id)
    }
  }
}
