/**
 * Hot words of request summaries per region down to district: one Space-Saving sketch of
 * `capacity` terms per region and 6-hour block, for the last 9 days (36 blocks: the last 24 h,
 * 7 days, and the 7-day base of yesterday's briefing). Summaries are masked before they come here.
 * Changed sketches go to the next checkpoint as kv rows (`w:<region>:<block>`).
 */
import { summaryTerms, topTerms } from '../../shared/hot-words.ts'
import type { HotWord, HotWords } from '../../shared/department-types.ts'
import { HOUR_MS, localMs } from '../../shared/time-windows.ts'
import { SpaceSaving } from '../../shared/space-saving.ts'

/** Hours in a block. */
const BLOCK_HOURS = 6
const BLOCK_MS = BLOCK_HOURS * HOUR_MS
/** Blocks kept: 9 days. */
const KEEP_BLOCKS = 36
const PER_DAY = 24 / BLOCK_HOURS
/** Block index of an instant (blocks start at 00:00, 06:00, 12:00, 18:00 Asia/Shanghai). */
export const blockOf = (ms: number): number => Math.floor(localMs(ms) / BLOCK_MS)
/** First block of a day index. */
export const dayBlock = (day: number): number => day * PER_DAY

export class HotWordBook {
  private readonly sketches = new Map<number, Map<number, SpaceSaving>>()
  private readonly dirty = new Set<string>()
  private current = -Infinity

  constructor(
    readonly capacity: number,
    /** Regions kept: those `keep` says yes to. */
    private readonly keep: (region: number) => boolean,
  ) {}

  /** Counts the terms of a summary written at `at` for the regions of `chain` it is kept for. */
  record(chain: Int32Array, at: number, summary: string, now: number): boolean {
    const current = blockOf(now)
    const block = blockOf(at)
    if (block <= current - KEEP_BLOCKS || block > current + 1) return false
    let terms: string[] | null = null
    for (const region of chain) {
      if (!this.keep(region)) continue
      terms ??= summaryTerms(summary)
      if (!terms.length) return false
      let m = this.sketches.get(region)
      if (!m) this.sketches.set(region, (m = new Map()))
      let s = m.get(block)
      if (!s) m.set(block, (s = new SpaceSaving(this.capacity)))
      for (const t of terms) s.add(t)
      this.dirty.add(`w:${region}:${block}`)
    }
    return terms !== null
  }

  /** Drops blocks older than the kept window; true when a new block began. */
  advance(now: number): boolean {
    const current = blockOf(now)
    if (current === this.current) return false
    this.current = current
    for (const [region, m] of this.sketches) {
      for (const b of m.keys()) {
        if (b > current - KEEP_BLOCKS) continue
        m.delete(b)
        this.dirty.add(`w:${region}:${b}`)
      }
      if (!m.size) this.sketches.delete(region)
    }
    return true
  }

  /** Regions with words. */
  regions(): Iterable<number> {
    return this.sketches.keys()
  }

  private merged(region: number, from: number, to: number): Map<string, number> {
    const out = new Map<string, number>()
    const m = this.sketches.get(region)
    if (!m) return out
    for (const [b, s] of m) {
      if (b < from || b > to) continue
      for (const [k, v] of s.counts) out.set(k, (out.get(k) ?? 0) + v)
    }
    return out
  }

  /** Whether hot words are kept for a region. */
  kept(region: number): boolean {
    return this.keep(region)
  }

  /** The top `k` of the last 24 h (rising marked against the 6 days before) and of the last 7 days. */
  words(region: number, now: number, k: number): HotWords | null {
    if (!this.keep(region)) return null
    const cur = blockOf(now)
    const base = this.merged(region, cur - 7 * PER_DAY + 1, cur - PER_DAY)
    return {
      day: topTerms(this.merged(region, cur - PER_DAY + 1, cur), k, base, 6),
      week: topTerms(this.merged(region, cur - 7 * PER_DAY + 1, cur), k, null, 7),
    }
  }

  /** The day `day`'s terms with rising marked against the 6 days before it (for the briefing). */
  dayWords(region: number, day: number, k: number): HotWord[] {
    const from = dayBlock(day)
    return topTerms(this.merged(region, from, from + PER_DAY - 1), k, this.merged(region, from - 6 * PER_DAY, from - 1), 6)
  }

  get unsavedRows(): number {
    return this.dirty.size
  }

  /** Changed sketches as kv rows. */
  capture(): { k: string; v: Uint8Array | null }[] {
    const rows = [...this.dirty].map((k) => {
      const [, region, block] = k.split(':').map(Number)
      const s = this.sketches.get(region)?.get(block)
      return { k, v: s ? new TextEncoder().encode(JSON.stringify(s.entries())) : null }
    })
    this.dirty.clear()
    return rows
  }

  load(rows: Iterable<{ k: string; v: Uint8Array }>, now: number): void {
    this.current = blockOf(now)
    for (const { k, v } of rows) {
      const [, region, block] = k.split(':').map(Number)
      if (block <= this.current - KEEP_BLOCKS) continue
      let m = this.sketches.get(region)
      if (!m) this.sketches.set(region, (m = new Map()))
      m.set(block, SpaceSaving.from(this.capacity, JSON.parse(new TextDecoder().decode(v)) as [string, number, number][]))
    }
  }
}
