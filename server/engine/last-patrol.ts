/**
 * The last patrol (最近巡查) of every grid and, above it, the latest of its subtree: one number per
 * region. A patrol moves it only forward (the maximum), so late, repeated and out-of-order patrols
 * give the same result. Each grid's time is a state row (`lp:<grid index>`) of the next checkpoint;
 * the regions above are derived from the grids on load.
 */
import type { KvRowSource } from './grid-book.ts'
import { NoSet } from './no-set.ts'

export class LastPatrol {
  /** Latest patrol per region index (ms), 0 when none. */
  private readonly at: Float64Array
  /** Grids whose time changed since the last checkpoint. */
  private dirty: Set<number> = new NoSet()

  constructor(size: number) {
    this.at = new Float64Array(size)
  }

  track(): void {
    if (this.dirty instanceof NoSet) this.dirty = new Set()
  }

  /** A patrol of `chain[0]` (a grid) at `at`: moves the grid and its ancestors forward. */
  record(chain: Int32Array, at: number): void {
    if (at <= this.at[chain[0]]) return
    for (const i of chain) if (at > this.at[i]) this.at[i] = at
    this.dirty.add(chain[0])
  }

  /** The last patrol of a region's subtree (ms), or null. */
  of(region: number): number | null {
    return this.at[region] || null
  }

  get unsaved(): number {
    return this.dirty.size
  }

  /** The changed grids' times, copied now, as kv rows a slice at a time (one buffer a slice). */
  capture(): KvRowSource {
    const grids = Int32Array.from(this.dirty)
    this.dirty.clear()
    const times = Float64Array.from(grids, (g) => this.at[g])
    let next = 0
    return {
      fill(out, room) {
        const take = Math.min(room, grids.length - next)
        const bytes = new Uint8Array(Float64Array.from(times.subarray(next, next + take)).buffer)
        for (let j = 0; j < take; j++) out.push({ k: `lp:${grids[next + j]}`, v: bytes.subarray(j * 8, j * 8 + 8) })
        next += take
        return take
      },
    }
  }

  /** Loads the grids' times (`lp:` rows) and derives their ancestors'. */
  load(rows: Iterable<{ k: string; v: Uint8Array }>, chain: (grid: number) => Int32Array): void {
    for (const { k, v } of rows) this.record(chain(Number(k.slice(3))), new DataView(v.buffer, v.byteOffset, v.byteLength).getFloat64(0, true))
    this.dirty.clear()
  }
}
