/** Redis key names and stream-id helpers; every key shares one hash tag so scripts stay on one Cluster slot. */
import { dayIndex, dayToDate } from '../../shared/time-windows.ts'

/** The keys of one deployment (`KEY_PREFIX`). */
export interface RedisKeys {
  /** The event log: a stream, one entry per stored batch. */
  events: string
  /** Engine checkpoint: a hash `{ cursor, state }`. */
  checkpoint: string
  /** Dedupe set for the ids of events whose `at` falls on `date` (YYYY-MM-DD, Asia/Shanghai). */
  ids(date: string): string
  /** Socket.IO adapter channel prefix (pub/sub, not a key). */
  socketChannel: string
}

/** Keys under `prefix`, hash-tagged as `{prefix}` (e.g. `{yiwang}:events`). */
export function redisKeys(prefix: string): RedisKeys {
  const tag = `{${prefix}}`
  return {
    events: `${tag}:events`,
    checkpoint: `${tag}:checkpoint`,
    ids: (date) => `${tag}:ids:${date}`,
    socketChannel: `${prefix}:socket.io`,
  }
}

const dates = new Map<number, string>()

/** The Asia/Shanghai date of an RFC 3339 timestamp, `unknown` when it does not parse. */
export function eventDate(at: string): string {
  const ms = Date.parse(at)
  if (Number.isNaN(ms)) return 'unknown'
  const day = dayIndex(ms)
  let date = dates.get(day)
  if (date === undefined) {
    if (dates.size > 10_000) dates.clear()
    dates.set(day, (date = dayToDate(day)))
  }
  return date
}

/** Compares two stream ids (`ms-seq`): negative, zero or positive. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-')
  const [bm, bs] = b.split('-')
  return Number(am) - Number(bm) || Number(as ?? 0) - Number(bs ?? 0)
}

/** The stream id `ms` milliseconds before `id` (for MINID trimming), never below `0-0`. */
export function streamIdBefore(id: string, ms: number): string {
  const t = Number(id.split('-')[0]) - ms
  return t > 0 ? `${t}-0` : '0-0'
}
