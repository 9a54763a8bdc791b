/** Validates a batch, stores its valid new events durably, and reports per-event results. */
import type { IngestEvent, IngestResponse } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { Metrics } from '../metrics.ts'
import type { EventStore } from '../store/event-store.ts'
import { dayIndex, dayStartMs } from '../../shared/time-windows.ts'
import { checkEvent, type Rejection } from './validate-events.ts'

export interface IngestDeps {
  store: EventStore
  tree: RegionTree
  clock: () => number
  metrics: Metrics
  /** Events older than this many days (by `at`) are rejected as too old. @default 400 */
  dedupeDays?: number
}

/** Events checked in one turn of the event loop. */
const CHECK_SLICE = 500

/** Stores the valid events of `items`; rejects (storing nothing) only when the store fails. */
export async function ingestBatch(items: unknown[], lineErrors: Map<number, string>, deps: IngestDeps, text: string | null = null): Promise<IngestResponse> {
  const now = deps.clock()
  const days = deps.dedupeDays ?? 400
  // Ids are kept for `days` days: an older event could be one already applied and forgotten.
  const oldest = dayStartMs(dayIndex(now) - days + 1)
  const valid: IngestEvent[] = []
  const indexes: number[] = []
  const rejected: Rejection[] = []
  for (let index = 0; index < items.length; index++) {
    // A large batch is checked over several turns of the event loop.
    if (index > 0 && index % CHECK_SLICE === 0) await new Promise((r) => setImmediate(r))
    const raw = items[index]
    const lineError = lineErrors.get(index)
    if (lineError) {
      rejected.push({ index, error: lineError })
      continue
    }
    const r = checkEvent(raw, now, deps.tree)
    if (r.ok && Date.parse(r.event.at) < oldest) {
      rejected.push({ index, id: r.event.id, error: `at: ${r.event.at} is older than the ${days} days this server keeps ids for (DEDUPE_DAYS); too old to apply exactly once` })
    } else if (r.ok) {
      valid.push(r.event)
      indexes.push(index)
    } else {
      const id = (raw as { id?: unknown } | null)?.id
      rejected.push({ index, ...(typeof id === 'string' ? { id } : {}), error: r.error })
    }
  }
  let accepted = 0
  if (valid.length) {
    const started = performance.now()
    const { fresh } = await deps.store.append(valid, text === null ? undefined : { text, items: items.length, indexes })
    deps.metrics.storeLatency.observe((performance.now() - started) / 1000)
    for (const f of fresh) if (f) accepted++
  }
  const duplicates = valid.length - accepted
  deps.metrics.accepted.inc(accepted)
  deps.metrics.duplicates.inc(duplicates)
  deps.metrics.rejected.inc(rejected.length)
  return { accepted, duplicates, rejected }
}
