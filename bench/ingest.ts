/**
 * Ingest benchmark (embedded store, one server process): batches of 1,000 realistic events over
 * HTTP, compared with plain JSON.parse of the same bytes in the same run.
 * Usage: npx tsx bench/ingest.ts [runs=5] [batches=100]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { startChildServer } from '../server/testing/child-server.ts'
import { realisticEvents } from './realistic-events.ts'
import { fmt, median } from './stats.ts'

const runs = Number(process.argv[2] ?? 5)
const batches = Number(process.argv[3] ?? 100)
const BATCH = 1000
const CONCURRENCY = 4
const TOKEN = 'bench-token'

const tree = loadRegionPack('2103')
const rates: number[] = []
const ratios: number[] = []
for (let run = 0; run < runs; run++) {
  const now = Date.now()
  const events = realisticEvents(tree, Math.ceil((batches * BATCH) / 4), now - 30 * 86_400_000, now, run + 1, `r${run}-`)
  const bodies: string[] = []
  for (let i = 0; i + BATCH <= events.length && bodies.length < batches; i += BATCH) bodies.push(JSON.stringify(events.slice(i, i + BATCH)))
  const total = bodies.length * BATCH

  let t0 = performance.now()
  for (const b of bodies) JSON.parse(b)
  const parseSeconds = (performance.now() - t0) / 1000

  const dir = mkdtempSync(join(tmpdir(), 'yiwang-bench-'))
  const server = await startChildServer({ DATA_DIR: dir, INGEST_TOKEN: TOKEN, TICK_MS: '1000' })
  let next = 0
  let accepted = 0
  t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]
        const res = await fetch(`${server.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body,
        })
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
        accepted += ((await res.json()) as { accepted: number }).accepted
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
  if (accepted !== total) throw new Error(`accepted ${accepted} of ${total}`)
  rates.push(total / seconds)
  ratios.push(seconds / parseSeconds)
  console.log(`run ${run + 1}: ${fmt(total)} events in ${seconds.toFixed(2)} s = ${fmt(total / seconds)} events/s; JSON.parse alone ${fmt(total / parseSeconds)} events/s; ratio ${(seconds / parseSeconds).toFixed(1)}×`)
}
console.log(`ingest (embedded, HTTP, batches of ${BATCH}): median ${fmt(median(rates))} events/s over ${runs} runs; median ratio to JSON.parse ${median(ratios).toFixed(1)}×`)
