/** `npm start`: the server on the embedded store, a year's backfill on first start, then live simulated data. */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseTime } from './options.ts'
import { createLocator } from './locate.ts'
import { runSession } from './session.ts'
import { ensureYoungGeneration } from './young-generation.ts'
import { startServer } from '../server/main.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'

await ensureYoungGeneration()

const env: Record<string, string | undefined> = {
  PORT: '8890',
  DATA_DIR: './data/runtime',
  INGEST_TOKEN: 'dev-ingest-token',
  // The simulator runs in this process: its own work delays the event loop, which is no sign of
  // load from clients, so the 503 under event-loop pressure waits for a minute here.
  EVENT_LOOP_MAX_MS: '60000',
  ...Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== '')),
}
// The simulator's resume point belongs to the database beside it: without one, backfill again.
const stateFile = join(env.DATA_DIR!, 'simulator.json')
if (existsSync(stateFile) && !existsSync(join(env.DATA_DIR!, 'yiwang.db'))) rmSync(stateFile)
const server = await startServer(env)
const root = env.REGION_ROOT ?? '2103'
const seed = Number(env.SIM_SEED ?? 8890)
// SIM_FROM (YYYY-MM-DD) shortens the first start's history, e.g. for a quick look.
const from = env.SIM_FROM ? parseTime(env.SIM_FROM) : undefined
if (!Number.isInteger(seed) || seed < 0 || (from !== undefined && Number.isNaN(from))) {
  console.error('SIM_SEED must be a non-negative integer and SIM_FROM a date YYYY-MM-DD')
  process.exit(2)
}
const local = server.url.replace('//0.0.0.0', '//127.0.0.1').replace('//[::]', '//127.0.0.1')
console.log(`Yiwang is up: wall ${local}/wall/${root}`)

const controller = new AbortController()
let closing = false
const stop = async (): Promise<void> => {
  if (closing) process.exit(130)
  closing = true
  console.log('\nstopping…')
  controller.abort()
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

try {
  if (env.SIMULATE !== '0') {
    const tree = loadRegionPack(root)
    await runSession({
      url: local,
      token: env.INGEST_TOKEN!,
      tree,
      seed,
      from,
      stateFile,
      locate: createLocator(tree),
      signal: controller.signal,
      tty: process.stderr.isTTY,
      log: (l) => console.error(l),
    })
  } else {
    await new Promise<void>((r) => controller.signal.addEventListener('abort', () => r()))
  }
} catch (err) {
  console.error(`simulator stopped: ${(err as Error).message}`)
  if (!controller.signal.aborted) await new Promise<void>((r) => controller.signal.addEventListener('abort', () => r()))
} finally {
  await server.close()
  console.log('stopped')
  // Idle keep-alive sockets of fetch would hold the process a few seconds more.
  process.exit(0)
}
