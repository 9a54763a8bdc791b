/**
 * A region root's side of the roll-up: every tick (at most once a second), each process of the root writes the root's
 * headline row to `{prefix:root}:headline` (one key on the root's own slot, with a TTL). Every
 * process of a root holds the same figures, so whichever wrote last, the row is the root's.
 */
import type { Engine } from '../engine/engine.ts'
import { headlineRow } from './headline-row.ts'

/** Rows are written every tick, but not more often than this (ms): a parent shows data ages in seconds. */
export const HEADLINE_EVERY_MS = 1000
/** Largest row written: a row is a few kB; anything near this is a fault, refused rather than stored. */
export const HEADLINE_MAX_BYTES = 64 * 1024
/** A row lives this long after its last write: a parent shows a stopped root's last row as stale until then, then as missing. */
export const HEADLINE_TTL_MS = 3_600_000

export interface HeadlinePublisher {
  /** Writes the row now (one write at a time; a write already running is awaited instead). */
  publish(): Promise<void>
  stop(): void
}

/** Publishes `engine`'s root row through `write` every `everyMs` (not while it replays history). */
export function startHeadlinePublisher(
  engine: Engine,
  write: (json: string, ttlMs: number) => Promise<void>,
  everyMs: number,
  warn: (msg: string) => void,
): HeadlinePublisher {
  let running: Promise<void> | null = null
  let failing = false
  const publish = (): Promise<void> =>
    (running ??= (async () => {
      try {
        if (engine.replaying) return
        const json = JSON.stringify(headlineRow(engine))
        if (Buffer.byteLength(json) > HEADLINE_MAX_BYTES) throw new Error(`the headline row is ${Buffer.byteLength(json)} bytes, over ${HEADLINE_MAX_BYTES}`)
        await write(json, HEADLINE_TTL_MS)
        failing = false
      } catch (err) {
        // Said once per failing spell: a Redis outage is reported by the store already.
        if (!failing) warn(`headline row not published: ${(err as Error).message}`)
        failing = true
      } finally {
        running = null
      }
    })())
  const timer = setInterval(() => void publish(), everyMs)
  timer.unref()
  return { publish, stop: () => clearInterval(timer) }
}
