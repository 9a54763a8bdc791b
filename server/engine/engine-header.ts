/**
 * The header of a checkpoint: the few figures of the engine that are not state rows (counters,
 * unknown categories, recent alerts, the feed's learnt rhythm). The bulk of the state lives in the
 * store's tables; the header says which region pack it belongs to.
 */
import type { Alert } from '../../shared/alerts.ts'
import type { FeedWatchState } from '../alerts/feed-watch.ts'
import { decodeColumns, encodeColumns } from './columns-codec.ts'

/** The header's format. */
export const HEADER_VERSION = 4

export interface Header {
  v: number
  root: string
  size: number
  /** Orphans expired, duplicate creates, today, last event at (−1 when none). */
  counters: number[]
  unknownCategories: [string, number][]
  alerts: Alert[]
  feed?: FeedWatchState
}

export const encodeHeader = (h: Omit<Header, 'v'>): Uint8Array => encodeColumns({ v: HEADER_VERSION, ...h })

/** The header in `bytes`, or null when it is not one of this format. */
export function decodeHeader(bytes: Uint8Array): Header | null {
  try {
    const h = decodeColumns(bytes) as Header
    return h.v === HEADER_VERSION ? h : null
  } catch {
    return null
  }
}
