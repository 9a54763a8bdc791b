/** Re-runs the process with a larger V8 young generation when it does not have one. */
import { spawn } from 'node:child_process'

const FLAG = '--max-semi-space-size=64'

/**
 * The simulator (and the server's ingest) make millions of short-lived objects; with V8's default
 * young generation they get promoted and GC time doubles. The flag only works at start-up
 * (`v8.setFlagsFromString` is too late), hence the re-run. Resolves in the re-run process; in this
 * one it never resolves, forwards Ctrl-C / SIGTERM and exits with the re-run's status.
 */
export async function ensureYoungGeneration(): Promise<void> {
  if (process.execArgv.includes(FLAG) || (process.env.NODE_OPTIONS ?? '').includes('--max-semi-space-size')) return
  // Its own process group, so a terminal's Ctrl-C reaches it once (through us), not twice.
  const child = spawn(process.execPath, [FLAG, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', detached: true })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  await new Promise<never>(() => child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1))))
}
