/** A one-line progress bar with rate and ETA, for backfills (writes to a TTY or every few seconds to a log). */
import { dateOf } from '../shared/time-windows.ts'

export interface ProgressBar {
  update(cursor: number, events: number): void
  done(cursor: number, events: number): string
}

/** Tracks simulated time from `from` to `to`; `clock` is real time. */
export function createProgressBar(from: number, to: number, write: (s: string) => void, clock: () => number, tty: boolean): ProgressBar {
  const started = clock()
  let last = 0
  const line = (cursor: number, events: number): string => {
    const f = to > from ? Math.min(1, Math.max(0, (cursor - from) / (to - from))) : 1
    const secs = (clock() - started) / 1000
    const rate = secs > 0 ? events / secs : 0
    const eta = f > 0 ? (secs * (1 - f)) / f : NaN
    const bar = '#'.repeat(Math.round(f * 30)).padEnd(30, '.')
    const day = dateOf(cursor)
    return `backfill [${bar}] ${(f * 100).toFixed(1)}% ${day} ${events.toLocaleString('en')} events ${Math.round(rate).toLocaleString('en')} ev/s ETA ${Number.isFinite(eta) ? Math.ceil(eta) + 's' : '?'}`
  }
  return {
    update(cursor, events) {
      const now = clock()
      if (now - last < (tty ? 200 : 5000)) return
      last = now
      write(tty ? `\r${line(cursor, events)}\u001b[K` : line(cursor, events) + '\n')
    },
    done(cursor, events) {
      const secs = (clock() - started) / 1000
      const summary = `backfill done: ${events.toLocaleString('en')} events in ${secs.toFixed(1)} s (${Math.round(events / Math.max(secs, 0.001)).toLocaleString('en')} ev/s)`
      write(tty ? `\r${line(cursor, events)}\u001b[K\n${summary}\n` : summary + '\n')
      return summary
    },
  }
}
