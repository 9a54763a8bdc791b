/** State tables with no rows: an engine that keeps its state in tables, started empty (tests, benchmarks). */
import type { StateTables } from './event-store.ts'

export const NO_TABLES: StateTables = {
  buckets: () => [],
  bucket: () => undefined,
  span: () => undefined,
  hotRequests: () => [],
  request: () => undefined,
  lateCompletedAfter: () => [],
  kv: () => [],
  kvGet: () => undefined,
  kvPage: () => [],
}
