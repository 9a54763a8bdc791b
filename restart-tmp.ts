import { startServer } from './server/main.ts'
const t0 = performance.now()
const s = await startServer({ DATA_DIR: process.argv[2], REGION_ROOT: process.argv[3], PORT: '0', INGEST_TOKEN: 't' })
const t1 = performance.now()
const agg = s.engine.agg as unknown as Record<string, any>
let days = 0, months = 0, hours = 0, statsN = 0
for (const st of agg.stats) if (st) { statsN++; days += st.days.size; months += st.months.size; hours += st.hourly.size }
const surge = (s.engine as unknown as { surge: { series: Map<number, unknown> } }).surge
let patrolled = 0; for (const g of agg.patrolled.values()) patrolled += g.size
console.log(`ready ${(t1 - t0).toFixed(0)} ms (process ${t1.toFixed(0)} ms); requests ${agg.requests.size}, stats ${statsN}, day buckets ${days}, months ${months}, hourly ${hours}, surge series ${surge.series.size}, duty ${agg.duty.size}, patrolled ${patrolled}, timers ${agg.timers.size}`)
global.gc?.()
console.log(process.memoryUsage())
await s.close()
