/**
 * The aggregator's state as rows of the store's tables: what a checkpoint writes (the rows changed
 * since the last one) and what a start loads (what memory holds: recent days, months, the hot
 * requests, duty and patrols; the rest is read on demand).
 */
import type { StateRows, StateTables } from '../store/event-store.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import type { Aggregator } from './aggregator.ts'
import { decodeRequest } from './state-codec.ts'

/**
 * Takes the rows changed since the last checkpoint as they are now, without copying them (counters,
 * requests, duty and patrols are encoded later, or just before one changes), and returns a function
 * that encodes them `max` rows at a time, null when done. Closed requests quiet for long enough
 * leave memory here (what the checkpoint's share leaves after `Engine.evictQuiet`).
 */
export function captureRows(agg: Aggregator, now: number): (max: number) => StateRows | null {
  agg.rows.evictQuiet(now, agg.requests)
  const buckets = agg.counters.capture()
  const requests = agg.rows.capture()
  const kv = agg.grid.capture()
  // Gone requests, then duty and patrols, go last, `max` at a time like the rest.
  const dropped = requests.dropped
  let d = 0
  return (max) => {
    const out: StateRows = { buckets: [], requests: [], kv: [] }
    let n = buckets.fill(out.buckets, max)
    n += requests.fill(out.requests, max - n)
    for (; n < max && d < dropped.length; n++) out.requests.push(dropped[d++])
    n += kv.fill(out.kv, max - n)
    return n === 0 ? null : out
  }
}

/** Loads what memory holds from the state tables into `agg` (empty, tracking `tables`). */
export function loadTables(agg: Aggregator, tables: StateTables, now: number): void {
  agg.counters.load(tables, dayIndex(now))
  for (const text of tables.hotRequests()) {
    const r = decodeRequest(text)
    agg.adopt(r)
    const st = r.state
    if (!r.created || !st) continue
    agg.rows.loaded(r)
    if (!st.open && !st.overdue) continue
    for (const i of agg.chain(r.created.region)) {
      const s = agg.counters.statsOf(i)
      if (st.open) s.open++
      if (st.overdue) s.overdue++
    }
  }
  agg.grid.load(tables)
  for (const s of agg.counters.stats) if (s) s.version++
}
