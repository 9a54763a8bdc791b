/**
 * The last patrol (最近巡查) of every grid and, above it, the latest of its subtree: one number per
 * region. A patrol moves it only forward (the maximum), so late, repeated and out-of-order patrols
 * give the same result. Each grid's time is a state row (`lp:<grid index>`) of the next checkpoint;
 * the regions above are derived from the grids on load.
 */
import { CapturedRows } from './captured-rows.ts'
import type { KvRowSource } from './grid-book.ts'
import { NoSet } from './no-set.ts'

/** A grid and its time at a capture. */
type TimeAt = readonly [grid: number, at: number]

export class LastPatrol {
  /** Latest patrol per region index (ms), 0 when none. */
  private readonly at: Float64Array
  /** Grids whose time changed since the last checkpoint. */
  private dirty: Set<number> = new NoSet()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturing: CapturedRows<number, TimeAt> | null = null

  constructor(size: number) {
    this.at = new Float64Array(size)
  }

  track(): void {
    if (this.dirty instanceof NoSet) this.dirty = new Set()
  }

  /** A patrol of `chain[0]` (a grid) at `at`: moves the grid and its ancestors forward. */
  record(chain: Int32Array, at: number): void {
    if (at <= this.at[chain[0]]) return
    for (const i of chain) {
      if (at <= this.at[i]) continue
      this.capturing?.touch(i)
      this.at[i] = at
    }
    this.dirty.add(chain[0])
  }

  /** The last patrol of a region's subtree (ms), or null. */
  of(region: number): number | null {
    return this.at[region] || null
  }

  get unsaved(): number {
    return this.dirty.size
  }

  /**
   * Takes the changed grids' times as they are now, as kv rows encoded a slice at a time (one
   * buffer a slice); a time about to move before its slice is taken first.
   */
  capture(): KvRowSource {
    const captured = (this.capturing = new CapturedRows(this.dirty, (g): TimeAt => [g, this.at[g]]))
    this.dirty = new Set()
    return {
      fill: (out, room) => {
        const taken: TimeAt[] = []
        const n = captured.fill(taken, room)
        if (captured.done && this.capturing === captured) this.capturing = null
        const bytes = new Uint8Array(Float64Array.from(taken, ([, at]) => at).buffer)
        for (let j = 0; j < n; j++) out.push({ k: `lp:${taken[j][0]}`, v: bytes.subarray(j * 8, j * 8 + 8) })
        return n
      },
    }
  }

  /** Loads the grids' times (`lp:` rows) and derives their ancestors'. */
  load(rows: Iterable<{ k: string; v: Uint8Array }>, chain: (grid: number) => Int32Array): void {
    for (const { k, v } of rows) this.record(chain(Number(k.slice(3))), new DataView(v.buffer, v.byteOffset, v.byteLength).getFloat64(0, true))
    this.dirty.clear()
  }
}
