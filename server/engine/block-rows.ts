/**
 * State rows that hold a block of regions each (`BLOCK` consecutive indices): a grid's value is
 * one of thousands of small ones, so a start reads a row per block, not one per grid.
 */
import type { StateRows } from '../store/event-store.ts'

/** Regions per block: 2⁶. */
export const BLOCK_SHIFT = 6
export const BLOCK = 1 << BLOCK_SHIFT

/** A kv row of a checkpoint (null: delete it). */
export type KvRow = StateRows['kv'][number]

/** Kv rows of a checkpoint, handed out a slice at a time. */
export interface KvRowSource {
  /** Moves up to `room` rows into `out`; returns how many. */
  fill(out: StateRows['kv'], room: number): number
}

/** The region indices `[from, to)` of `block` among `size` regions. */
export function blockRange(block: number, size: number): [from: number, to: number] {
  const from = block << BLOCK_SHIFT
  return [from, Math.min(size, from + BLOCK)]
}

/** Moves up to `room` rows from the front of `rows` into `out`; returns how many. */
export function takeRows(rows: KvRow[], out: KvRow[], room: number): number {
  const n = Math.max(0, Math.min(room, rows.length))
  for (const r of rows.splice(0, n)) out.push(r)
  return n
}
