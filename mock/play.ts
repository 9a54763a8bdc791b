/** Plays a simulator into a sink on a clock: as fast as acknowledged while behind, then in real time. */
import type { IngestEvent } from '../shared/events.ts'
import type { Simulator } from './simulator.ts'

/** Progress after each acknowledged batch: every event before `cursor` is acknowledged. */
export interface PlayProgress {
  cursor: number
  events: number
}

export interface PlayOptions {
  sim: Simulator
  /** Delivers one batch; resolves once it is acknowledged. */
  send: (events: IngestEvent[]) => Promise<void>
  /** Real time (ms). */
  clock: () => number
  sleep: (ms: number) => Promise<void>
  /** Simulated seconds per real second while behind the clock. @default Infinity (as fast as acknowledged) */
  speed?: number
  /** Stop once simulated time reaches this (ms); live forever when absent. */
  stopAt?: number
  /** Events per batch (the contract allows 5,000). @default 5000 */
  batchSize?: number
  /** Batches in flight at once. @default 2 */
  concurrency?: number
  /** Poll interval once caught up with the clock (ms). @default 1000 */
  tickMs?: number
  /** Simulated feed outage: nothing is sent while simulated time is in [from, to); the backlog follows. */
  outage?: { from: number; to: number }
  onProgress?: (p: PlayProgress) => void
  signal?: AbortSignal
}

/** Runs until `stopAt` or the signal aborts; resolves with the events delivered. */
export async function play(o: PlayOptions): Promise<PlayProgress> {
  const { sim, clock } = o
  const speed = o.speed ?? Infinity
  const batchSize = o.batchSize ?? 5000
  const concurrency = Math.max(1, o.concurrency ?? 2)
  const startReal = clock()
  const startSim = sim.cursor
  const progress: PlayProgress = { cursor: sim.cursor, events: 0 }
  const inflight: { done: Promise<void>; cursor: number; n: number }[] = []

  const settleOne = async (): Promise<void> => {
    const x = inflight.shift()!
    await x.done
    progress.cursor = x.cursor
    progress.events += x.n
    o.onProgress?.({ ...progress })
  }

  try {
    for (;;) {
      if (o.signal?.aborted) break
      const now = clock()
      let target = speed === Infinity ? now : Math.min(now, startSim + (now - startReal) * speed)
      if (o.stopAt !== undefined) target = Math.min(target, o.stopAt)
      if (o.outage && target > o.outage.from && target < o.outage.to) target = Math.max(sim.cursor, o.outage.from)
      for (;;) {
        if (o.signal?.aborted) break
        const batch = sim.take(target, batchSize)
        if (!batch.length) break
        const done = o.send(batch)
        // Awaited in order below; this only keeps an early failure from being reported as unhandled.
        done.catch(() => {})
        inflight.push({ done, cursor: sim.cursor, n: batch.length })
        if (inflight.length >= concurrency) await settleOne()
      }
      while (inflight.length) await settleOne()
      // Everything taken is acknowledged: the quiet stretch up to the simulator's cursor is done too.
      if (!o.signal?.aborted && sim.cursor > progress.cursor) {
        progress.cursor = sim.cursor
        o.onProgress?.({ ...progress })
      }
      if (o.stopAt !== undefined && sim.cursor >= o.stopAt) break
      if (target >= now || speed === Infinity) await o.sleep(o.tickMs ?? 1000)
      else await o.sleep(Math.min(o.tickMs ?? 1000, 100))
    }
  } catch (err) {
    // Stopping (Ctrl-C) aborts the request in flight: that is the end of the run, not a failure.
    if (!o.signal?.aborted) throw err
  } finally {
    while (inflight.length) await settleOne().catch(() => {})
  }
  return progress
}
