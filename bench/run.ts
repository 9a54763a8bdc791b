/**
 * `npm run bench`: every benchmark of the project, one after another, each in its own process
 * (so one's heap and JIT state do not colour the next). Pass names to run a subset.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const BENCHES: [name: string, script: string, args: string[], nodeFlags?: string[]][] = [
  ['ingest', 'bench/ingest.ts', ['5', '300']],
  ['snapshot', 'bench/snapshot.ts', ['300000', '2000']],
  ['engine-cpu', 'bench/engine-cpu.ts', ['5']],
  ['generate', 'bench/sim-generate.ts', [], ['--max-semi-space-size=64']],
  ['backfill', 'bench/sim-backfill.ts', [], ['--max-semi-space-size=64']],
  ['redis', 'bench/redis-ingest.ts', []],
  // Redis Cluster (3 masters): a month of 鞍山 backfilled through one process; memory extrapolated to the year.
  ['redis-cluster', 'bench/redis-cluster.ts', ['1']],
  ['redis-cluster-year', 'bench/redis-cluster.ts', ['12']],
  ['briefing', 'bench/briefing.ts', [], ['--max-old-space-size=12288']],
  // A year of 鞍山市 and months of all of Liaoning (≈ 15k requests a day) on one process.
  ['scale', 'bench/scale.ts', ['2103', '1,3,6,12']],
  ['scale-liaoning', 'bench/scale.ts', ['21', '1,3', '15000']],
  // A kept folder (KEEP_DATA=1 with scale) restarted, then read and fed: `npx tsx bench/restart-ingest.ts DATA_DIR`.
  ['db-compare', 'bench/db-compare.ts', ['1000000']],
  // The synchronous steps of a backfill on the event loop (apply slices, checkpoint capture by part, GC pauses).
  ['checkpoint-steps', 'bench/checkpoint-steps.ts', ['30']],
  // Push to N walls against a bare Socket.IO server in the same run; then a restart with walls connected.
  ['fanout', 'bench/fanout.ts', ['2000', '10000']],
  ['fanout-restart', 'bench/fanout.ts', ['restart', '10000']],
  // The wall's figures need `npm run build` first.
  ['bundle', 'bench/wall/bundle-size.ts', []],
  ['wall-first-data', 'bench/wall/first-data.ts', ['7']],
  // The product's load (the simulator's city in real time): the tick counted with its frame.
  ['wall-update-sim', 'bench/wall/update-cost.ts', ['1000', '180', 'sim']],
  ['wall-update', 'bench/wall/update-cost.ts', ['1000', '30']],
  ['wall-update-50', 'bench/wall/update-cost.ts', ['50', '20']],
  ['wall-update-city', 'bench/wall/update-cost.ts', ['1000', '120', '0.1']],
  ['wall', 'bench/wall/heap-soak.ts', ['600']],
]

const only = process.argv.slice(2)
let failed = 0
for (const [name, script, args, nodeFlags = []] of BENCHES) {
  if (only.length && !only.includes(name)) continue
  if (!existsSync(script)) {
    console.log(`\n## ${name}: ${script} missing`)
    failed++
    continue
  }
  console.log(`\n## ${name} (${script} ${args.join(' ')})`)
  const r = spawnSync(process.execPath, ['--expose-gc', ...nodeFlags, '--import', 'tsx', script, ...args], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
