/** `npm run simulate -- <mode> [options]`: the city simulator from the command line. */
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { DAY_MS, startOfDay } from '../shared/time-windows.ts'
import { buildCity } from './city.ts'
import { openOut, writeNdjsonSharded } from './file-mode.ts'
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './options.ts'
import { planScenario } from './scenarios.ts'
import { runSession } from './session.ts'
import { ensureYoungGeneration } from './young-generation.ts'

async function main(o: CliOptions): Promise<number> {
  const tree = loadRegionPack(o.root)
  const controller = new AbortController()
  process.once('SIGINT', () => {
    console.error('\nsimulator: stopping (Ctrl-C again to force)')
    controller.abort()
    process.once('SIGINT', () => process.exit(130))
  })
  process.once('SIGTERM', () => controller.abort())

  if (o.mode === 'file') {
    const to = o.to ?? Date.now()
    // The same grid budget as a backfill: worker history for the last 7 days only.
    const plan = { root: o.root, seed: o.seed, from: o.from, to, gridFrom: Math.max(o.from, startOfDay(to) - 7 * DAY_MS), dailyVolume: o.volume }
    const t0 = performance.now()
    const n = await writeNdjsonSharded(plan, openOut(o.out))
    const s = (performance.now() - t0) / 1000
    console.error(`simulator: wrote ${n.toLocaleString('en')} events in ${s.toFixed(2)} s (${Math.round(n / s).toLocaleString('en')} ev/s) to ${o.out === '-' ? 'stdout' : o.out}`)
    return 0
  }

  const common = {
    url: o.url,
    token: o.token,
    tree,
    seed: o.seed,
    stateFile: o.state,
    dailyVolume: o.volume,
    batchSize: o.batch,
    signal: controller.signal,
    tty: process.stderr.isTTY,
  }
  let result
  if (o.mode === 'backfill') {
    result = await runSession({ ...common, from: o.from, stopAt: o.to })
  } else if (o.mode === 'live') {
    result = await runSession({ ...common, from: o.from, stopAt: o.to, speed: o.speed, noBackfill: true })
  } else {
    const plan = planScenario(o.scenario!, buildCity(tree), o.at, { street: o.street, seed: o.seed })
    console.error(`simulator: scenario ${plan.description}`)
    result = await runSession({
      ...common,
      from: plan.start,
      stopAt: o.to ?? plan.end,
      overlays: plan.overlay ? [plan.overlay] : [],
      outage: plan.outage,
      speed: o.speed === 1 ? Infinity : o.speed,
      noBackfill: true,
      // A scenario is a one-off overlay: it must not move a saved session's progress.
      stateFile: undefined,
    })
  }
  const s = result.stats
  console.error(`simulator: ${s.accepted.toLocaleString('en')} accepted, ${s.duplicates.toLocaleString('en')} duplicates, ${s.rejected} rejected, ${s.retries} retries`)
  return s.rejected > 0 ? 1 : 0
}

await ensureYoungGeneration()
let options: CliOptions
try {
  options = parseCliArgs(process.argv.slice(2), Date.now(), process.env)
} catch (err) {
  if (!(err instanceof UsageError)) throw err
  console.error(`simulate: ${err.message}\n\n${USAGE}`)
  process.exit(2)
}
main(options).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`simulate: ${err.message}`)
    process.exit(1)
  },
)
