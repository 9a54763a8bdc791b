/** Re-runs the process with a larger V8 young generation when it does not have one. */
import { spawnSync } from 'node:child_process'

const FLAG = '--max-semi-space-size=64'

/**
 * The simulator (and the server's ingest) make millions of short-lived objects; with V8's default
 * young generation they get promoted and GC time doubles. The flag only works at start-up
 * (`v8.setFlagsFromString` is too late), hence the re-run. Returns in the re-run process.
 */
export function ensureYoungGeneration(): void {
  if (process.execArgv.includes(FLAG) || (process.env.NODE_OPTIONS ?? '').includes('--max-semi-space-size')) return
  const r = spawnSync(process.execPath, [FLAG, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(r.status ?? (r.signal ? 130 : 1))
}
