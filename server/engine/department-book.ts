/**
 * Department (承办单位) counters of every region down to street: per region, the departments seen
 * (at most `cap`, the rest as 其他) and day and month buckets of `DEPT_FIELDS` counters per
 * department. Like the region counters, recent days are held in memory and older ones live in the
 * state tables (read on demand), months are held, and after a start each recent day and month of
 * a region is read when first asked for; changed buckets go to the next checkpoint.
 */
import { BucketCopies } from './bucket-copies.ts'
import { BucketMarks } from './bucket-marks.ts'
import { DEPT_FIELDS } from '../../shared/kpi/department-contribution.ts'
import { OTHER_DEPARTMENT } from '../../shared/kpi/department-figures.ts'
import { monthIndex, monthStartDay } from '../../shared/time-windows.ts'
import { BucketKind, type StateTables } from '../store/event-store.ts'
import type { KvRowSource } from './block-rows.ts'
import { bucketRows, type BucketRowSource } from './bucket-rows.ts'
import { decodeSparse, encodeSparse } from './sparse-codec.ts'
import { bucketKey, splitBucketKey } from './state-codec.ts'

const K_DAY = BucketKind.departmentDay
const K_MONTH = BucketKind.departmentMonth
const UTF8 = new TextEncoder()

interface Book {
  names: string[]
  slots: Map<string, number>
  days: Map<number, Float64Array>
  months: Map<number, Float64Array>
  /** After a start: the days and months already read from the state tables (null: all in memory). */
  read: { days: Set<number>; months: Set<number> } | null
}

export interface DepartmentBookOptions {
  /** Departments kept per region; the rest count as 其他. */
  cap: number
  /** Days held in memory with state tables (older ones are read from them). */
  hotDays: number
  /** Days kept at all. */
  retentionDays: number
}

/** A bucket wide enough for `slots` departments, keeping what `b` held. */
function widen(b: Float64Array | undefined, slots: number): Float64Array {
  if (b && b.length >= slots * DEPT_FIELDS) return b
  const out = new Float64Array(Math.max(slots, 4) * DEPT_FIELDS)
  if (b) out.set(b)
  return out
}

export class DepartmentBook {
  private readonly books = new Map<number, Book>()
  tables: StateTables | null = null
  today = -1
  /** Names that went to 其他 because a region was full (for the metric). */
  capHits = 0
  /** Buckets changed since the last checkpoint. */
  private dirty = new BucketMarks()
  /**
   * Buckets of the checkpoint being encoded that are not encoded yet. The capture copies nothing:
   * a bucket about to change (or leave memory) before it is encoded is copied first, into `copies`.
   */
  private captured = new BucketMarks()
  /** Values of captured buckets as they were at the capture (null: no bucket), taken just before they change. */
  private readonly copies = new BucketCopies()
  /** Regions whose names changed since the last checkpoint. */
  private dirtyNames = new Set<number>()
  private readonly cold = new Map<number, Float64Array>()
  /** Months the state tables held at the start (none: nothing to read on first use). */
  private monthSpan: { first: number; last: number } | null = null
  private readonly monthOf = new Map<number, number>()
  /** The day of the start that loaded the state tables. */
  private startDay = -1

  constructor(private readonly opts: DepartmentBookOptions) {}

  private book(region: number): Book {
    let b = this.books.get(region)
    if (!b) this.books.set(region, (b = { names: [], slots: new Map(), days: new Map(), months: new Map(), read: this.monthSpan ? { days: new Set(), months: new Set() } : null }))
    return b
  }

  /** A hot day of a region's book, read from the state tables when first asked for after a start (up to the start's tomorrow). */
  private heldDay(b: Book, region: number, day: number): Float64Array | undefined {
    if (b.read && day >= this.hotFrom() && day <= this.startDay + 1 && !b.read.days.has(day)) {
      b.read.days.add(day)
      const v = this.tables?.bucket(K_DAY, day, region)
      if (v) b.days.set(day, decodeSparse(v))
    }
    return b.days.get(day)
  }

  /** A month of a region's book, read from the state tables when first asked for after a start. */
  private heldMonth(b: Book, region: number, month: number): Float64Array | undefined {
    const span = this.monthSpan
    if (b.read && span && month >= span.first && month <= span.last && !b.read.months.has(month)) {
      b.read.months.add(month)
      const v = this.tables?.bucket(K_MONTH, month, region)
      if (v) b.months.set(month, decodeSparse(v))
    }
    return b.months.get(month)
  }

  /** Names of a region's departments, by slot. */
  names(region: number): readonly string[] {
    return this.books.get(region)?.names ?? []
  }

  /** The slot of a department in a region, added when new (其他 once the region is full). */
  slot(region: number, name: string): number {
    const b = this.book(region)
    const s = b.slots.get(name)
    if (s !== undefined) return s
    const full = b.names.length >= this.opts.cap
    const key = full ? OTHER_DEPARTMENT : name
    let slot = b.slots.get(key)
    if (slot === undefined) {
      slot = b.names.length
      b.names.push(key)
      b.slots.set(key, slot)
      this.dirtyNames.add(region)
    }
    if (full) {
      // Remembered, so the name keeps going to 其他 (and is counted once).
      b.slots.set(name, slot)
      this.capHits++
    }
    return slot
  }

  private hotFrom(): number {
    return this.tables ? this.today - this.opts.hotDays + 1 : this.today - this.opts.retentionDays + 1
  }

  private month(day: number): number {
    let m = this.monthOf.get(day)
    if (m === undefined) this.monthOf.set(day, (m = monthIndex(day)))
    return m
  }

  /** Adds `delta` to `field` of department `slot` of `region` on `day` (and its month). */
  add(region: number, slot: number, day: number, field: number, delta: number): void {
    const b = this.book(region)
    const width = b.names.length
    const at = slot * DEPT_FIELDS + field
    const month = this.month(day)
    this.mark(K_MONTH, month, region)
    let mb = this.heldMonth(b, region, month)
    if (!mb || mb.length <= at) b.months.set(month, (mb = widen(mb, width)))
    mb[at] += delta
    if (day <= this.today - this.opts.retentionDays) return
    this.mark(K_DAY, day, region)
    if (day >= this.hotFrom()) {
      let db = this.heldDay(b, region, day)
      if (!db || db.length <= at) b.days.set(day, (db = widen(db, width)))
      db[at] += delta
    } else {
      const k = bucketKey(K_DAY, day, region)
      let cb = this.cold.get(k)
      if (!cb || cb.length <= at) this.cold.set(k, (cb = widen(cb ?? this.readCold(region, day), width)))
      cb[at] += delta
    }
  }

  /** Marks a bucket changed since the last checkpoint (before it changes). */
  private mark(kind: number, period: number, region: number): void {
    if (this.captured.size) this.preserve(kind, period, region)
    this.dirty.mark(kind, period, region)
  }

  /** Before a bucket changes or leaves memory: a copy for the checkpoint being encoded, if it took the bucket. */
  private preserve(kind: number, period: number, region: number): void {
    if (!this.captured.unmark(kind, period, region)) return
    const x = this.bucketAt(kind, period, region)
    this.copies.keep(kind, period, region, x)
  }

  /** A bucket as a checkpoint writes it: held in memory or changed outside the hot window. */
  private bucketAt(kind: number, period: number, region: number): Float64Array | undefined {
    const b = this.books.get(region)
    if (kind === K_MONTH) return b && this.heldMonth(b, region, period)
    return (b && this.heldDay(b, region, period)) ?? this.cold.get(bucketKey(kind, period, region))
  }

  private readCold(region: number, day: number): Float64Array | undefined {
    const bytes = this.tables?.bucket(K_DAY, day, region)
    return bytes ? decodeSparse(bytes) : undefined
  }

  private dayAt(region: number, day: number): Float64Array | undefined {
    if (day <= this.today - this.opts.retentionDays) return undefined
    const b = this.books.get(region)
    return (b && this.heldDay(b, region, day)) ?? this.cold.get(bucketKey(K_DAY, day, region)) ?? (day < this.hotFrom() ? this.readCold(region, day) : undefined)
  }

  /**
   * Counters of every department of `region` summed over the inclusive day range, using month
   * buckets for whole months and for a month's start to `to` (less its later days).
   */
  sum(region: number, from: number, to: number): Float64Array {
    const out = new Float64Array(Math.max(1, this.names(region).length) * DEPT_FIELDS)
    const b = this.books.get(region)
    if (!b) return out
    const add = (x: Float64Array | undefined, sign: number) => {
      if (x) for (let i = 0; i < x.length && i < out.length; i++) out[i] += sign * x[i]
    }
    let d = from
    while (d <= to) {
      const m = monthIndex(d)
      const start = monthStartDay(m)
      const next = monthStartDay(m + 1)
      if (d === start && (next - 1 <= to || to >= this.today || next - 1 - to < to - start + 1)) {
        add(this.heldMonth(b, region, m), 1)
        for (let t = to + 1; t < next && t <= this.today; t++) add(this.dayAt(region, t), -1)
        d = next
        continue
      }
      add(this.dayAt(region, d), 1)
      d++
    }
    return out
  }

  /** Day rollover: days leaving the hot window leave memory (a change not yet written waits in `cold`). */
  advanceDay(today: number): void {
    if (today === this.today) return
    this.today = today
    const from = this.hotFrom()
    for (const [region, b] of this.books) {
      // Only days read or changed are in memory: the others are read when first asked for, or as old days.
      for (const [d, x] of b.days) {
        if (d >= from) continue
        const unsaved = this.dirty.has(K_DAY, d, region) && d > today - this.opts.retentionDays
        if (!unsaved && this.captured.size) this.preserve(K_DAY, d, region)
        b.days.delete(d)
        if (unsaved) this.cold.set(bucketKey(K_DAY, d, region), x)
      }
    }
  }

  get unsavedRows(): number {
    return this.dirty.size + this.dirtyNames.size
  }

  /**
   * Takes the changed buckets and department names as they are now, as rows encoded a slice at a
   * time. Nothing is copied here: a bucket about to change before its slice is copied first
   * (`preserve`), and names only grow, so a region's names are its first names at the capture.
   */
  capture(): { buckets: BucketRowSource; names: KvRowSource } {
    this.assertEncoded()
    const captured = this.dirty
    this.dirty = this.captured
    this.captured = captured
    const names = Array.from(this.dirtyNames, (region) => [region, this.book(region).names.length] as const)
    this.dirtyNames = new Set()
    let nextName = 0
    return {
      buckets: bucketRows(captured, this.copies, (kind, period, region) => this.bucketAt(kind, period, region), encodeSparse),
      names: {
        fill: (out, room) => {
          const start = nextName
          for (; nextName < names.length && nextName - start < room; nextName++) {
            const [region, n] = names[nextName]
            out.push({ k: `n:${region}`, v: UTF8.encode(JSON.stringify(this.book(region).names.slice(0, n))) })
          }
          return nextName - start
        },
      },
    }
  }

  /** One capture at a time: the last one's buckets are all encoded (or the checkpoint drained) first. */
  private assertEncoded(): void {
    if (this.captured.size || this.copies.size) throw new Error('departments captured again before the last capture was encoded')
  }

  /** The rows of the last capture are committed: cold buckets not changed since leave memory. */
  persisted(): void {
    for (const k of this.cold.keys()) {
      const { kind, period, region } = splitBucketKey(k)
      if (!this.dirty.has(kind, period, region)) this.cold.delete(k)
    }
  }

  /** Loads the department names from the state tables (a region's counters are read on its first use). */
  load(tables: StateTables, today: number): void {
    this.tables = tables
    this.today = today
    this.startDay = today
    this.monthSpan = tables.span(K_MONTH) ?? null
    for (const { k, v } of tables.kv('n:')) {
      const b = this.book(Number(k.slice(2)))
      for (const name of JSON.parse(new TextDecoder().decode(v)) as string[]) {
        b.slots.set(name, b.names.length)
        b.names.push(name)
      }
    }
  }
}
