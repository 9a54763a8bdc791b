/** File mode: the simulated stream as NDJSON into a file or stdout, with no server involved. */
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { encodeNdjson } from './ndjson.ts'
import type { Simulator } from './simulator.ts'

/** Writes every event before `to` as NDJSON; resolves with the count. */
export async function writeNdjson(sim: Simulator, to: number, out: Writable): Promise<number> {
  let count = 0
  for (;;) {
    const batch = sim.take(to, 2000)
    if (!batch.length) break
    count += batch.length
    if (!out.write(encodeNdjson(batch))) await new Promise<void>((r) => out.once('drain', r))
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject)
    if (out === process.stdout) resolve()
    else out.end(resolve)
  })
  return count
}

/** A writable for `--out` (`-` is stdout). */
export const openOut = (path: string): Writable => (path === '-' ? process.stdout : createWriteStream(path))
