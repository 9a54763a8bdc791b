/**
 * The last patrol (最近巡查) of every grid and, above it, the latest of its subtree: one number per
 * region. A patrol moves it only forward (the maximum), so late, repeated and out-of-order patrols
 * give the same result. The times are state rows of `BLOCK` regions each (`lpb:<block>`, float64s
 * in index order), so a start reads a few thousand rows, not one per grid; the regions above are
 * derived from the grids on load.
 */
import { BLOCK_SHIFT, blockRange, type KvRow, type KvRowSource, takeRows } from './block-rows.ts'
import { CapturedRows } from './captured-rows.ts'
import { NoSet } from './no-set.ts'

/** Rows of the older layout: one per grid, `lp:<grid index>`. */
const LEGACY = 'lp:'
const PREFIX = 'lpb:'

export class LastPatrol {
  /** Latest patrol per region index (ms), 0 when none. */
  private readonly at: Float64Array
  /** Blocks whose times changed since the last checkpoint. */
  private dirty: Set<number> = new NoSet()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturing: CapturedRows<number, KvRow> | null = null
  /** Rows of the older layout read at the start, deleted by the next checkpoint. */
  private legacy: KvRow[] = []

  /** `parents[i]` is the parent of region `i` (-1 at the root), always a lower index. */
  constructor(private readonly parents: readonly number[]) {
    this.at = new Float64Array(parents.length)
  }

  track(): void {
    if (this.dirty instanceof NoSet) this.dirty = new Set()
  }

  /** A patrol of `chain[0]` (a grid) at `at`: moves the grid and its ancestors forward. */
  record(chain: Int32Array, at: number): void {
    if (at <= this.at[chain[0]]) return
    for (const i of chain) {
      if (at <= this.at[i]) continue
      const b = i >> BLOCK_SHIFT
      this.capturing?.touch(b)
      this.dirty.add(b)
      this.at[i] = at
    }
  }

  /** The last patrol of a region's subtree (ms), or null. */
  of(region: number): number | null {
    return this.at[region] || null
  }

  get unsaved(): number {
    return this.dirty.size + this.legacy.length
  }

  /** A block's row: a copy of its times. */
  private row(block: number): KvRow {
    const [from, to] = blockRange(block, this.at.length)
    return { k: `${PREFIX}${block}`, v: new Uint8Array(this.at.slice(from, to).buffer) }
  }

  /**
   * Takes the changed blocks as they are now, as kv rows encoded a slice at a time (then deletes
   * the rows of the older layout); a block about to change before its slice is taken first.
   */
  capture(): KvRowSource {
    const captured = (this.capturing = new CapturedRows(this.dirty, (b) => this.row(b)))
    this.dirty = new Set()
    const legacy = this.legacy
    this.legacy = []
    return {
      fill: (out, room) => {
        const n = captured.fill(out, room)
        if (captured.done && this.capturing === captured) this.capturing = null
        return n + takeRows(captured.done ? legacy : [], out, room - n)
      },
    }
  }

  /** Loads the times (`lpb:` rows, and `lp:` ones of the older layout) and derives every region's. */
  load(rows: (prefix: string) => Iterable<{ k: string; v: Uint8Array }>): void {
    for (const { k, v } of rows(PREFIX)) {
      const block = Number(k.slice(PREFIX.length))
      const [from, to] = blockRange(block, this.at.length)
      const times = new Float64Array(v.slice().buffer)
      this.at.set(times.subarray(0, to - from), from)
    }
    for (const { k, v } of rows(LEGACY)) {
      const grid = Number(k.slice(LEGACY.length))
      this.at[grid] = Math.max(this.at[grid], new DataView(v.buffer, v.byteOffset, v.byteLength).getFloat64(0, true))
      this.legacy.push({ k, v: null })
      this.dirty.add(grid >> BLOCK_SHIFT)
    }
    // Children follow their parents in index order: one pass from the end carries each maximum up.
    for (let i = this.at.length - 1; i > 0; i--) {
      const p = this.parents[i]
      if (p >= 0 && this.at[i] > this.at[p]) {
        this.at[p] = this.at[i]
        this.dirty.add(p >> BLOCK_SHIFT)
      }
    }
    if (!this.legacy.length) this.dirty.clear()
  }
}
