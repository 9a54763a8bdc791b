/** State tables in memory, written from a checkpoint's rows as the embedded store writes them (tests). */
import type { StateRows, StateTables } from '../store/event-store.ts'

interface RequestRow {
  hot: boolean
  late: boolean
  completed: number | null
  v: string
}

const split = (k: string) => k.split('/').map(Number)

export function memoryTables() {
  /** Bucket rows by `kind/period/region`. */
  const buckets = new Map<string, Uint8Array>()
  const requests = new Map<string, RequestRow>()
  const kv = new Map<string, Uint8Array>()
  const tables: StateTables = {
    buckets: (kind, from) =>
      [...buckets].flatMap(([k, v]) => {
        const [kd, period, region] = split(k)
        return kd === kind && period >= from ? [{ period, region, v }] : []
      }),
    bucket: (kind, period, region) => buckets.get(`${kind}/${period}/${region}`),
    span: (kind) => {
      const periods = [...buckets.keys()].map(split).filter(([kd]) => kd === kind).map(([, p]) => p)
      return periods.length ? { first: Math.min(...periods), last: Math.max(...periods) } : undefined
    },
    hotRequests: () => [...requests.values()].filter((r) => r.hot).map((r) => r.v),
    request: (id) => requests.get(id)?.v,
    lateCompletedAfter: (t) => [...requests.values()].filter((r) => r.late && r.completed !== null && r.completed > t).map((r) => r.v),
    kv: (prefix) => [...kv].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => ({ k, v })),
    kvGet: (k) => kv.get(k),
    kvPage: (prefix, after, limit) =>
      [...kv]
        .filter(([k]) => k.startsWith(prefix) && k > after)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .slice(0, limit)
        .map(([k, v]) => ({ k, v })),
  }
  /** Writes a checkpoint's rows, 500 at a time as `captureRows` hands them out; returns the bucket keys written. */
  const write = (rows: (max: number) => StateRows | null): string[] => {
    const written: string[] = []
    for (let slice = rows(500); slice; slice = rows(500)) {
      for (const b of slice.buckets) {
        const k = `${b.kind}/${b.period}/${b.region}`
        written.push(k)
        if (b.v) buckets.set(k, b.v.slice())
        else buckets.delete(k)
      }
      for (const r of slice.requests) {
        if (r.v !== null) requests.set(r.id, { hot: r.hot, late: r.late, completed: r.completed, v: r.v })
        else requests.delete(r.id)
      }
      for (const r of slice.kv) {
        if (r.v) kv.set(r.k, r.v.slice())
        else kv.delete(r.k)
      }
    }
    return written
  }
  return { tables, buckets, write }
}
