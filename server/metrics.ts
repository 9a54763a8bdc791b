/** Prometheus metrics of one server instance (its own registry, so tests can run several). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Default metrics left out: their cost grows with every open connection. */
export const PER_HANDLE_METRICS = [
  'process_open_fds',
  'nodejs_active_handles',
  'nodejs_active_handles_total',
  'nodejs_active_resources',
  'nodejs_active_resources_total',
  'nodejs_active_requests',
  'nodejs_active_requests_total',
] as const

export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'yiwang_' })
  // These walk every open handle (or /proc/self/fd) on each scrape: one task of tens of ms with
  // 10,000 walls connected. Connections are `yiwang_sockets`; the loop's health is the lag.
  for (const name of PER_HANDLE_METRICS) registry.removeSingleMetric(`yiwang_${name}`)
  // Read when scraped (no listener on every socket to count it).
  let connected = () => 0
  const m = {
    /** Where `yiwang_sockets` reads the number of connected Socket.IO clients. */
    countSockets(count: () => number): void {
      connected = count
    },
    registry,
    accepted: new Counter({ name: 'yiwang_events_accepted_total', help: 'Events accepted and stored', registers: [registry] }),
    duplicates: new Counter({ name: 'yiwang_events_duplicate_total', help: 'Events whose id was already applied', registers: [registry] }),
    rejected: new Counter({ name: 'yiwang_events_rejected_total', help: 'Events rejected by validation', registers: [registry] }),
    badRequests: new Counter({ name: 'yiwang_ingest_requests_failed_total', help: 'Ingest requests refused whole', labelNames: ['status'] as const, registers: [registry] }),
    sockets: new Gauge({
      name: 'yiwang_sockets',
      help: 'Connected Socket.IO clients',
      registers: [registry],
      collect() {
        this.set(connected())
      },
    }),
    pushLag: new Histogram({
      name: 'yiwang_push_lag_seconds',
      help: 'Time from the end of an ingest to the kpi push that carried it',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    tickSeconds: new Histogram({ name: 'yiwang_tick_seconds', help: 'Work per push tick', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5], registers: [registry] }),
    storeLatency: new Histogram({
      name: 'yiwang_store_append_seconds',
      help: 'Durable append latency per batch',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    pending: new Gauge({ name: 'yiwang_pending_requests', help: 'Requests with lifecycle events but no request.created yet', registers: [registry] }),
    orphansExpired: new Counter({ name: 'yiwang_orphans_expired_total', help: 'Pending requests dropped after the TTL, never counted', registers: [registry] }),
    unknownCategories: new Gauge({ name: 'yiwang_unknown_category_events', help: 'Requests whose category is not in the taxonomy (counted as 其他)', labelNames: ['category'] as const, registers: [registry] }),
    departmentCapHits: new Counter({
      name: 'yiwang_department_cap_hits_total',
      help: 'Department names counted as 其他 because their region already kept the most departments (a sign of upstream naming noise or a cap set too low)',
      registers: [registry],
    }),
    mapPointsDropped: new Counter({
      name: 'yiwang_map_points_dropped_total',
      help: "Located requests left off the map's point layer because the day already kept the most points (pointsPerDay)",
      registers: [registry],
    }),
    requests: new Gauge({ name: 'yiwang_requests_tracked', help: 'Requests held in memory', registers: [registry] }),
    coldReads: new Counter({
      name: 'yiwang_state_bucket_reads_total',
      help: 'Day counters read back from the state tables (days outside those held in memory and not in the cache of recent ones)',
      registers: [registry],
    }),
    regionLoads: new Counter({
      name: 'yiwang_state_region_loads_total',
      help: "Regions whose recent days and months were read from the state tables (on a region's first use after a start)",
      registers: [registry],
    }),
  }
  return m
}
export type Metrics = ReturnType<typeof createMetrics>
