/** The simulator's saved progress (`DATA_DIR/simulator.json`), so a restart resumes without gaps or doubles. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface SimState {
  version: 1
  seed: number
  root: string
  idPrefix: string
  dailyVolume: number
  /** Start of the simulated history (ms). */
  from: number
  /** Grid workers' history starts on this day (ms). */
  gridFrom: number
  /** Every event before this time is acknowledged by the server (ms). */
  reached: number
  /** Events acknowledged so far (including duplicates). */
  events: number
  savedAt: string
}

/** Reads the state file; undefined when missing. Throws on a corrupt file rather than starting over silently. */
export function readState(file: string): SimState | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const s = JSON.parse(text) as SimState
  if (s.version !== 1 || typeof s.reached !== 'number' || typeof s.seed !== 'number') {
    throw new Error(`${file}: not a simulator state file (delete it to start a new history)`)
  }
  return s
}

/** Writes the state atomically (temp file + rename). */
export function writeState(file: string, state: SimState): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n')
  renameSync(tmp, file)
}
