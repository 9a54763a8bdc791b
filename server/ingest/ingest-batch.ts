/** Validates a batch, stores its valid new events durably, and reports per-event results. */
import type { IngestEvent, IngestResponse } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { Metrics } from '../metrics.ts'
import type { EventStore } from '../store/event-store.ts'
import { checkEvent, type Rejection } from './validate-events.ts'

export interface IngestDeps {
  store: EventStore
  tree: RegionTree
  clock: () => number
  metrics: Metrics
}

/** Stores the valid events of `items`; rejects (storing nothing) only when the store fails. */
export async function ingestBatch(items: unknown[], lineErrors: Map<number, string>, deps: IngestDeps): Promise<IngestResponse> {
  const now = deps.clock()
  const valid: IngestEvent[] = []
  const rejected: Rejection[] = []
  items.forEach((raw, index) => {
    const lineError = lineErrors.get(index)
    if (lineError) return rejected.push({ index, error: lineError })
    const r = checkEvent(raw, now, deps.tree)
    if (r.ok) valid.push(r.event)
    else {
      const id = (raw as { id?: unknown } | null)?.id
      rejected.push({ index, ...(typeof id === 'string' ? { id } : {}), error: r.error })
    }
  })
  let accepted = 0
  if (valid.length) {
    const started = performance.now()
    const { fresh } = await deps.store.append(valid)
    deps.metrics.storeLatency.observe((performance.now() - started) / 1000)
    for (const f of fresh) if (f) accepted++
  }
  const duplicates = valid.length - accepted
  deps.metrics.accepted.inc(accepted)
  deps.metrics.duplicates.inc(duplicates)
  deps.metrics.rejected.inc(rejected.length)
  return { accepted, duplicates, rejected }
}
