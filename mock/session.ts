/** A resumable simulator session against a server: backfill what is missing (with progress), then live. */
import type { RegionTree } from '../shared/region-tree.ts'
import { DAY_MS, startOfDay, yearStartMs } from '../shared/time-windows.ts'
import { REQUESTS_PER_COMMUNITY_DAY } from './city.ts'
import { play } from './play.ts'
import { createPlayer, type PlayerStats } from './player.ts'
import { createProgressBar } from './progress-bar.ts'
import { createSimulator, type Overlay, type SimulatorOptions } from './simulator.ts'
import { readState, writeState, type SimState } from './state.ts'

export interface SessionOptions {
  url: string
  token: string
  tree: RegionTree
  seed: number
  /** Where progress is saved (e.g. `DATA_DIR/simulator.json`); no resume without it. */
  stateFile?: string
  /** Start of the history when there is no saved state. @default 1 January of this year */
  from?: number
  /** Days of grid-worker history before today (duty, patrols: ~30k events a weekday for 鞍山市). @default 7 */
  gridDays?: number
  dailyVolume?: number
  idPrefix?: string
  overlays?: Overlay[]
  outage?: { from: number; to: number }
  locate?: SimulatorOptions['locate']
  /** Stop at this simulated time; live forever when absent. */
  stopAt?: number
  /** Simulated seconds per real second while behind the clock after the backfill. @default Infinity (catch up at once) */
  speed?: number
  /** Skip the backfill: start live from now (or `from`) without a history. */
  noBackfill?: boolean
  batchSize?: number
  clock?: () => number
  sleep?: (ms: number) => Promise<void>
  signal?: AbortSignal
  log?: (line: string) => void
  /** Writes the progress bar (raw, may contain `\r`). */
  write?: (text: string) => void
  tty?: boolean
}

export interface SessionResult {
  backfill?: { events: number; seconds: number }
  events: number
  reached: number
  stats: PlayerStats
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Runs a session until `stopAt` or the signal; saves progress as it goes. */
export async function runSession(o: SessionOptions): Promise<SessionResult> {
  const clock = o.clock ?? Date.now
  const sleep = o.sleep ?? defaultSleep
  const log = o.log ?? ((l: string) => console.error(l))
  const write = o.write ?? ((t: string) => process.stderr.write(t))
  const now = clock()
  const saved = o.stateFile ? readState(o.stateFile) : undefined
  const root = o.tree.root.code
  if (saved && (saved.seed !== o.seed >>> 0 || saved.root !== root)) {
    throw new Error(`${o.stateFile} was written for seed ${saved.seed} and root ${saved.root}, not seed ${o.seed} and root ${root}: delete it or use matching options`)
  }
  const from = saved?.from ?? o.from ?? (o.noBackfill ? now : yearStartMs(now))
  const state: SimState = saved ?? {
    version: 1,
    seed: o.seed >>> 0,
    root,
    idPrefix: o.idPrefix ?? `sim${o.seed >>> 0}`,
    dailyVolume: o.dailyVolume ?? 0,
    from,
    gridFrom: Math.max(from, startOfDay(now) - (o.gridDays ?? 7) * DAY_MS),
    reached: from,
    events: 0,
    savedAt: new Date(now).toISOString(),
  }
  const sim = createSimulator({
    tree: o.tree,
    seed: state.seed,
    from: state.from,
    resumeAt: state.reached,
    gridFrom: state.gridFrom,
    dailyVolume: state.dailyVolume || undefined,
    idPrefix: state.idPrefix,
    overlays: o.overlays,
    locate: o.locate,
  })
  const volume = state.dailyVolume || Math.round(REQUESTS_PER_COMMUNITY_DAY * sim.city.communities.length)
  const player = createPlayer({
    url: o.url,
    token: o.token,
    signal: o.signal,
    onRejected: (list) => {
      log(`simulator: the server rejected ${list.length} event(s), e.g. ${list.slice(0, 3).map((r) => `${r.event?.id}: ${r.error}`).join('; ')}`)
    },
    onRetry: (reason, ms, attempt) => {
      if (attempt === 1 || attempt % 10 === 0) log(`simulator: ${reason}; retrying in ${(ms / 1000).toFixed(1)} s (attempt ${attempt})`)
    },
  })
  let lastSave = 0
  const save = (cursor: number, events: number, force = false): void => {
    state.reached = cursor
    state.events = events
    if (!o.stateFile || (!force && clock() - lastSave < 2000)) return
    lastSave = clock()
    state.savedAt = new Date(lastSave).toISOString()
    writeState(o.stateFile, state)
  }
  const base = state.events
  const result: SessionResult = { events: 0, reached: state.reached, stats: player.stats }

  // A resumed session always catches up to the clock first; only a fresh one may skip its history.
  if ((saved || !o.noBackfill) && now > sim.cursor) {
    const stopAt = o.stopAt !== undefined ? Math.min(o.stopAt, now) : now
    const loud = stopAt - sim.cursor > 60_000
    if (loud) log(`simulator: ${saved ? 'catching up' : 'backfilling'} ${sim.city.rootName} (${root}, ~${volume} requests a day) from ${new Date(sim.cursor).toISOString()} to ${new Date(stopAt).toISOString()}`)
    const bar = createProgressBar(sim.cursor, stopAt, loud ? write : () => {}, clock, o.tty ?? false)
    const t0 = clock()
    const p = await play({
      sim, send: player.send, clock, sleep, signal: o.signal, stopAt, batchSize: o.batchSize,
      outage: o.outage,
      onProgress: (x) => {
        bar.update(x.cursor, x.events)
        save(x.cursor, base + x.events)
      },
    })
    bar.done(p.cursor, p.events)
    save(p.cursor, base + p.events, true)
    result.backfill = { events: p.events, seconds: (clock() - t0) / 1000 }
    result.events += p.events
  }
  if (!o.signal?.aborted && (o.stopAt === undefined || sim.cursor < o.stopAt)) {
    const p = await play({
      sim, send: player.send, clock, sleep, signal: o.signal, stopAt: o.stopAt, speed: o.speed ?? Infinity, batchSize: o.batchSize,
      outage: o.outage,
      onProgress: (x) => save(x.cursor, base + result.events + x.events),
    })
    result.events += p.events
  }
  save(state.reached, state.events, true)
  result.reached = state.reached
  return result
}
