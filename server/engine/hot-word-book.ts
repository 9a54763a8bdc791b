/**
 * Hot words of request summaries per region down to district, in Space-Saving sketches of
 * `capacity` terms: one per region and hour for the last 26 hours (the last 24 h window is the
 * current hour and the 24 before it, so exact to the hour), and one per region and 6-hour block for
 * the last 9 days (36 blocks: the 7 days, the 6-day base of the rising terms, and the days of the
 * briefing). A region holds at most 26 + 36 sketches. Summaries are masked before they come here.
 * Changed sketches go to the next checkpoint as kv rows (`w:<region>:<block>`, `w:<region>:h<hour>`);
 * after a start a region's rows are read when the region is first recorded or read.
 */
import { summaryTerms, topTerms } from '../../shared/hot-words.ts'
import type { HotWord, HotWords } from '../../shared/department-types.ts'
import { HOUR_MS, localMs } from '../../shared/time-windows.ts'
import { SpaceSaving } from '../../shared/space-saving.ts'
import type { StateRows, StateTables } from '../store/event-store.ts'
import { CapturedRows } from './captured-rows.ts'
import type { KvRowSource } from './block-rows.ts'

/** Hours in a block. */
const BLOCK_HOURS = 6
const UTF8 = new TextEncoder()
const BLOCK_MS = BLOCK_HOURS * HOUR_MS
/** Blocks kept: 9 days. */
const KEEP_BLOCKS = 36
const PER_DAY = 24 / BLOCK_HOURS
/** Hourly sketches kept: the 25 hours of the last-24 h window and the hour before. */
const KEEP_HOURS = 26
/** Hours of the last-24 h window before the current one. */
const DAY_HOURS = 24
/** Block index of an instant (blocks start at 00:00, 06:00, 12:00, 18:00 Asia/Shanghai). */
export const blockOf = (ms: number): number => Math.floor(localMs(ms) / BLOCK_MS)
/** Hour index of an instant. */
export const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS)
/** The block holding the start of hour `hour`. */
const blockOfHour = (hour: number): number => blockOf(hour * HOUR_MS)
/** First block of a day index. */
export const dayBlock = (day: number): number => day * PER_DAY

export class HotWordBook {
  private readonly sketches = new Map<number, Map<number, SpaceSaving>>()
  /** Hourly sketches per region. */
  private readonly hourly = new Map<number, Map<number, SpaceSaving>>()
  /** Row keys changed since the last capture. */
  private dirty = new Set<string>()
  /** The rows of the checkpoint being encoded, until all are handed out. */
  private capturing: CapturedRows<string, StateRows['kv'][number]> | null = null
  private current = -Infinity
  private currentHour = -Infinity
  /** Rows stored before the start: a region's are read on its first use. */
  private stored: Pick<StateTables, 'kv'> | null = null
  /** Regions whose stored rows were read. */
  private readonly read = new Set<number>()

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
    const hour = hourOf(at)
    const nowHour = hourOf(now)
    const inHours = hour > nowHour - KEEP_HOURS && hour <= nowHour + 1
    let terms: string[] | null = null
    for (const region of chain) {
      if (!this.keep(region)) continue
      this.held(region)
      terms ??= summaryTerms(summary)
      if (!terms.length) return false
      this.change(`w:${region}:${block}`)
      this.add(this.sketches, region, block, terms)
      if (!inHours) continue
      this.change(`w:${region}:h${hour}`)
      this.add(this.hourly, region, hour, terms)
    }
    return terms !== null
  }

  private add(books: Map<number, Map<number, SpaceSaving>>, region: number, period: number, terms: string[]): void {
    let m = books.get(region)
    if (!m) books.set(region, (m = new Map()))
    let s = m.get(period)
    if (!s) m.set(period, (s = new SpaceSaving(this.capacity)))
    for (const t of terms) s.add(t)
  }

  /** Drops hours and blocks older than the kept windows; true when a new hour began (the last 24 h moved). */
  advance(now: number): boolean {
    const hour = hourOf(now)
    if (hour === this.currentHour) return false
    this.currentHour = hour
    this.drop(this.hourly, hour - KEEP_HOURS, 'h')
    const current = blockOf(now)
    if (current !== this.current) {
      this.current = current
      this.drop(this.sketches, current - KEEP_BLOCKS, '')
    }
    return true
  }

  /** Drops the sketches of periods up to `last` (their rows go with the next checkpoint as deleted). */
  private drop(books: Map<number, Map<number, SpaceSaving>>, last: number, mark: string): void {
    for (const [region, m] of books) {
      for (const p of m.keys()) {
        if (p > last) continue
        this.change(`w:${region}:${mark}${p}`)
        m.delete(p)
      }
      if (!m.size) books.delete(region)
    }
  }

  /** Sketches held for `region` (at most 26 hourly and 36 blocks). */
  sketchesOf(region: number): number {
    this.held(region)
    return (this.hourly.get(region)?.size ?? 0) + (this.sketches.get(region)?.size ?? 0)
  }

  /** Regions with words. */
  regions(): Iterable<number> {
    return this.sketches.keys()
  }

  private merged(region: number, from: number, to: number, books = this.sketches): Map<string, number> {
    const out = new Map<string, number>()
    this.held(region)
    const m = books.get(region)
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

  /**
   * The top `k` of the last 24 h (the current hour and the 24 before it; rising marked against the
   * 6 days of whole blocks before that) and of the last 7 days (whole 6-hour blocks).
   */
  words(region: number, now: number, k: number): HotWords | null {
    if (!this.keep(region)) return null
    const cur = blockOf(now)
    const first = hourOf(now) - DAY_HOURS
    const baseTo = blockOfHour(first) - 1
    const base = this.merged(region, baseTo - 6 * PER_DAY + 1, baseTo)
    return {
      day: topTerms(this.merged(region, first, hourOf(now), this.hourly), k, base, 6),
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

  /** Row `key` is about to change: marked for the next checkpoint, and encoded first if the one being encoded took it. */
  private change(key: string): void {
    this.capturing?.touch(key)
    this.dirty.add(key)
  }

  private encode(key: string): Uint8Array | null {
    const { books, region, period } = this.parse(key)
    const s = books.get(region)?.get(period)
    return s ? UTF8.encode(JSON.stringify(s.entries())) : null
  }

  /**
   * Takes the changed sketches as they are now, as kv rows encoded a slice at a time (a sketch about
   * to change before its slice is encoded first, so the rows are the values at the capture).
   */
  capture(): KvRowSource {
    const captured = (this.capturing = new CapturedRows(this.dirty, (k) => ({ k, v: this.encode(k) })))
    this.dirty = new Set()
    return {
      fill: (out, room) => {
        const n = captured.fill(out, room)
        if (captured.done && this.capturing === captured) this.capturing = null
        return n
      },
    }
  }

  /** The sketches and period of a row key: `w:<region>:<block>` or `w:<region>:h<hour>`. */
  private parse(k: string): { books: Map<number, Map<number, SpaceSaving>>; region: number; period: number; hourly: boolean } {
    const [, region, p] = k.split(':')
    const hourly = p.startsWith('h')
    return { books: hourly ? this.hourly : this.sketches, region: Number(region), period: Number(hourly ? p.slice(1) : p), hourly }
  }

  /** Reads the rows written by `capture` from `stored` from now on (as of `now`), a region's on its first use. */
  open(stored: Pick<StateTables, 'kv'>, now: number): void {
    this.current = blockOf(now)
    this.currentHour = hourOf(now)
    this.stored = stored
    this.read.clear()
  }

  /** Region `region`'s stored sketches into memory, once; those out of the kept windows are deleted. */
  private held(region: number): void {
    if (!this.stored || this.read.has(region)) return
    this.read.add(region)
    for (const { k, v } of this.stored.kv(`w:${region}:`)) {
      const { books, period, hourly } = this.parse(k)
      if (hourly ? period <= this.currentHour - KEEP_HOURS : period <= this.current - KEEP_BLOCKS) {
        this.change(k)
        continue
      }
      let m = books.get(region)
      if (!m) books.set(region, (m = new Map()))
      m.set(period, SpaceSaving.from(this.capacity, JSON.parse(new TextDecoder().decode(v)) as [string, number, number][]))
    }
  }
}
