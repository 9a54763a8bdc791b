/**
 * Redis key names and stream-id helpers. Every key of one region root shares the hash tag
 * `{prefix:root}` (e.g. `{yiwang:2103}`), so the root's scripts run on one Redis Cluster slot and
 * several roots spread over a cluster.
 */
import { dayStartMs } from '../../shared/time-windows.ts'

/** Days of ingest whose ids share one id set (a generation): ids are looked up in every live one. */
export const ID_GENERATION_DAYS = 16

/** The keys of one region root of one deployment. */
export interface RedisKeys {
  /** The hash tag, `{prefix:root}`. */
  tag: string
  /** The event log: a stream, one entry per stored batch. */
  events: string
  /** Ids ingested in generation `gen` (days `gen × 16 …` of ingest, Asia/Shanghai). */
  ids(gen: number): string
  /** Stream cursor of each process's latest local checkpoint: a hash `node → cursor@ms`. */
  cursors: string
  /** Lowest stream id still kept: entries before it may have been trimmed. */
  trimmed: string
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
    cursors: `${tag}:cursors`,
    trimmed: `${tag}:trimmed`,
    socketChannel: `${prefix}:${rootTag(root)}:socket.io`,
  }
}

/**
 * The id generations an append on ingest day `today` must look in, oldest first (the last one is
 * where new ids go): every generation holding a day the embedded store still keeps ids of
 * (ingest days ≥ today − dedupeDays − 1), so both stores remember an id equally long.
 */
export function liveGenerations(today: number, dedupeDays: number): number[] {
  const first = Math.floor((today - dedupeDays - 1) / ID_GENERATION_DAYS)
  const last = Math.floor(today / ID_GENERATION_DAYS)
  const gens: number[] = []
  for (let g = first; g <= last; g++) gens.push(g)
  return gens
}

/** When generation `gen`'s set may go: once its last day is older than the window (ms). */
export function generationExpiry(gen: number, dedupeDays: number): number {
  const lastDay = (gen + 1) * ID_GENERATION_DAYS - 1
  return dayStartMs(lastDay + dedupeDays + 2)
}

/** Compares two stream ids (`ms-seq`): negative, zero or positive. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-')
  const [bm, bs] = b.split('-')
  return Number(am) - Number(bm) || Number(as ?? 0) - Number(bs ?? 0)
}
