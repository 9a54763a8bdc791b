/** Benchmark: backfill 1 January → now for 鞍山市 through the HTTP API into a fresh server (embedded store). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../server/main.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { createLocator } from '../mock/locate.ts'
import { runSession } from '../mock/session.ts'
import { ensureYoungGeneration } from '../mock/young-generation.ts'

await ensureYoungGeneration()

const root = process.env.REGION_ROOT ?? '2103'
const dir = mkdtempSync(join(tmpdir(), 'yiwang-bench-backfill-'))
const server = await startServer({ PORT: '0', DATA_DIR: dir, INGEST_TOKEN: 'bench-token', REGION_ROOT: root })
try {
  const tree = loadRegionPack(root)
  const now = Date.now()
  const result = await runSession({
    url: server.url,
    token: 'bench-token',
    tree,
    seed: 8890,
    stateFile: join(dir, 'simulator.json'),
    locate: createLocator(tree),
    stopAt: now,
    batchSize: Number(process.env.BENCH_BATCH ?? 5000),
    tty: process.stderr.isTTY,
    log: (l) => console.error(l),
  })
  const b = result.backfill!
  // A loaded machine may answer 503 (event-loop limit) right after the backfill: ask again.
  let res = await fetch(`${server.url}/api/v1/regions/${root}/snapshot`)
  for (let i = 0; i < 30 && res.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 1000))
    res = await fetch(`${server.url}/api/v1/regions/${root}/snapshot`)
  }
  const snap = (await res.json()) as {
    windows: { ytd: { accepted: number; completionRate: number; closedUnresolved: number } }
    open: number
    overdue: number
  }
  const ytd = snap.windows.ytd
  console.log(
    `backfill: ${b.events.toLocaleString('en')} events 1 Jan → now over HTTP in ${b.seconds.toFixed(1)} s ` +
      `(${Math.round(b.events / b.seconds).toLocaleString('en')} events/s; ${result.stats.batches} batches, ${result.stats.retries} retries, ` +
      `${result.stats.rejected} rejected); wall 累计受理 ${ytd.accepted.toLocaleString('en')}, YTD 办结率 ${(ytd.completionRate * 100).toFixed(2)}% ` +
      `(未办结关闭 ${ytd.closedUnresolved.toLocaleString('en')}), 在办 ${snap.open.toLocaleString('en')}, 超期 ${snap.overdue.toLocaleString('en')} ` +
      `(${((snap.overdue / snap.open) * 100).toFixed(1)}%)`,
  )
} finally {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
