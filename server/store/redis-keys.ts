/**
 * Redis key names and stream-id helpers. Every key of one region root shares the hash tag
 * `{prefix:root}` (e.g. `{yiwang:2103}`), so the root's scripts run on one Redis Cluster slot and
 * several roots spread over a cluster.
 */
import { dayStartMs } from '../../shared/time-windows.ts'

/** An id set (a generation) takes new ids for at most this many days of ingest … */
export const ID_GENERATION_DAYS = 16
/** … and at most this many ids (≈ 34 MB at ≈ 67 bytes an id), so no value grows past 40 MB even in a backfill. */
export const ID_GENERATION_MAX = 500_000

/** The keys of one region root of one deployment. */
export interface RedisKeys {
  /** The hash tag, `{prefix:root}`. */
  tag: string
  /** The event log: a stream, one entry per stored batch. */
  events: string
  /** The id set of generation `gen` (`DDDDDD.SSS`: its first ingest day, a sequence number that day). */
  ids(gen: string): string
  /** The live generations: a sorted set, member = generation, score = when its set expires (ms). */
  generations: string
  /** Stream cursor of each process's latest local checkpoint: a hash `node → cursor@ms`. */
  cursors: string
  /** Lowest stream id still kept: entries before it may have been trimmed. */
  trimmed: string
  /** The root's headline row for parent walls (JSON, a few kB, with a TTL): `server/rollup/`. */
  headline: string
  /** Socket.IO adapter channel prefix (pub/sub, not a key). */
  socketChannel: string
}

/** The root code a key is tagged with: `210300` and `2103` both name 鞍山市. */
export function rootTag(root: string): string {
  return root.length > 2 ? root.replace(/(00)+$/, '') || root : root
}

/** Keys under `prefix` for region `root`. */
export function redisKeys(prefix: string, root: string): RedisKeys {
  const tag = `{${prefix}:${rootTag(root)}}`
  return {
    tag,
    events: `${tag}:events`,
    ids: (gen) => `${tag}:ids:${gen}`,
    generations: `${tag}:idgens`,
    cursors: `${tag}:cursors`,
    trimmed: `${tag}:trimmed`,
    headline: `${tag}:headline`,
    socketChannel: `${prefix}:${rootTag(root)}:socket.io`,
  }
}

/** The generation that follows `newest` (the newest live one, if any) when a set is started on `today`. */
export function nextGeneration(newest: string | undefined, today: number): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  const [day, seq] = newest ? newest.split('.').map(Number) : [-1, -1]
  return day === today ? `${pad(today, 6)}.${pad(seq + 1, 3)}` : `${pad(today, 6)}.000`
}

/** When an id stored on ingest day `today` may be forgotten: once that day is older than the window (ms). */
export function idExpiry(today: number, dedupeDays: number): number {
  return dayStartMs(today + dedupeDays + 2)
}

/** Compares two stream ids (`ms-seq`): negative, zero or positive. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-')
  const [bm, bs] = b.split('-')
  return Number(am) - Number(bm) || Number(as ?? 0) - Number(bs ?? 0)
}
