/**
 * Grid workers on duty (在岗): the latest duty event of each worker in each grid. The values are
 * state rows of a block of regions each (`ub:<block>`, JSON `[[grid|worker, at, on], …]` of the
 * block's grids), so a start reads a row per block, not one per worker.
 */
import { BLOCK_SHIFT, type KvRow, type KvRowSource, takeRows } from './block-rows.ts'
import { CapturedRows } from './captured-rows.ts'
import { NoSet } from './no-set.ts'

/** The latest duty event of a worker in a grid (replaced, never changed in place). */
export interface Duty {
  readonly at: number
  readonly on: boolean
}

/** Rows of the older layout: one per worker, `u:<grid>|<worker>`, 9 bytes (time as float64, then 1 when on duty). */
const LEGACY = 'u:'
const PREFIX = 'ub:'
/** A block row counts as one row of a slice, and one more per KiB of its text. */
const ROW_BYTES = 1024

type Entry = [key: string, at: number, on: 0 | 1]

export class DutyBook {
  /** Duty per block, by `grid|worker`. */
  private readonly blocks = new Map<number, Map<string, Duty>>()
  /** Blocks changed since the last checkpoint. */
  private dirty: Set<number> = new NoSet()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturing: CapturedRows<number, KvRow> | null = null
  /** Rows of the older layout read at the start, deleted by the next checkpoint. */
  private legacy: KvRow[] = []

  track(): void {
    if (this.dirty instanceof NoSet) this.dirty = new Set()
  }

  /** The latest duty event of `key` (`grid|worker`) in grid index `grid`. */
  get(grid: number, key: string): Duty | undefined {
    return this.blocks.get(grid >> BLOCK_SHIFT)?.get(key)
  }

  set(grid: number, key: string, duty: Duty): void {
    const b = grid >> BLOCK_SHIFT
    this.capturing?.touch(b)
    this.dirty.add(b)
    let block = this.blocks.get(b)
    if (!block) this.blocks.set(b, (block = new Map()))
    block.set(key, duty)
  }

  get unsaved(): number {
    return this.dirty.size + this.legacy.length
  }

  private row(b: number): KvRow {
    const entries: Entry[] = []
    for (const [key, d] of this.blocks.get(b) ?? []) entries.push([key, d.at, d.on ? 1 : 0])
    return { k: `${PREFIX}${b}`, v: entries.length ? new TextEncoder().encode(JSON.stringify(entries)) : null }
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
        let n = 0
        while (n < room && captured.fill(out, 1)) n += 1 + Math.floor((out[out.length - 1].v?.byteLength ?? 0) / ROW_BYTES)
        if (captured.done && this.capturing === captured) this.capturing = null
        return n + takeRows(captured.done ? legacy : [], out, room - n)
      },
    }
  }

  /**
   * Loads the duty rows (`ub:`, and `u:` ones of the older layout); `gridOf` gives a grid's index
   * from its code; `onDuty(grid, ±1)` is told each worker counted on duty or no longer.
   */
  load(rows: (prefix: string) => Iterable<{ k: string; v: Uint8Array }>, gridOf: (code: string) => number, onDuty: (grid: number, delta: number) => void): void {
    const add = (key: string, duty: Duty): number => {
      const grid = gridOf(key.slice(0, key.indexOf('|')))
      if (grid < 0) return grid
      let block = this.blocks.get(grid >> BLOCK_SHIFT)
      if (!block) this.blocks.set(grid >> BLOCK_SHIFT, (block = new Map()))
      const prev = block.get(key)
      if (prev && prev.at > duty.at) return grid
      block.set(key, duty)
      if (prev?.on) onDuty(grid, -1)
      if (duty.on) onDuty(grid, 1)
      return grid
    }
    const text = new TextDecoder()
    for (const { v } of rows(PREFIX)) for (const [key, at, on] of JSON.parse(text.decode(v)) as Entry[]) add(key, { at, on: on === 1 })
    for (const { k, v } of rows(LEGACY)) {
      const grid = add(k.slice(LEGACY.length), { at: new DataView(v.buffer, v.byteOffset, v.byteLength).getFloat64(0, true), on: v[8] === 1 })
      this.legacy.push({ k, v: null })
      if (grid >= 0) this.dirty.add(grid >> BLOCK_SHIFT)
    }
  }
}
