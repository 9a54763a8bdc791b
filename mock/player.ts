/** Posts event batches to `POST /api/v1/events` as a good client: NDJSON, retries with backoff, `Retry-After`. */
import type { IngestEvent, IngestResponse } from '../shared/events.ts'
import { encodeNdjson } from './ndjson.ts'

/** An event the server refused, with its reason. */
export interface RejectedEvent {
  event: IngestEvent
  error: string
}

export interface PlayerOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8890`. */
  url: string
  token: string
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** Waits `ms` (injected so tests need not wait). @default setTimeout */
  sleep?: (ms: number) => Promise<void>
  /** Random source for backoff jitter. @default Math.random */
  random?: () => number
  /** Upper bound of one backoff wait (ms). @default 30000 */
  maxDelayMs?: number
  /** Called with the events a batch rejected; the player never drops them silently. */
  onRejected?: (rejected: RejectedEvent[]) => void
  /** Called before each retry with the reason and the wait. */
  onRetry?: (reason: string, waitMs: number, attempt: number) => void
  /** Stops retrying when aborted. */
  signal?: AbortSignal
}

/** Totals of what the server acknowledged. */
export interface PlayerStats {
  batches: number
  accepted: number
  duplicates: number
  rejected: number
  retries: number
}

/** A failure retrying cannot fix (bad token, malformed body). */
export class FatalIngestError extends Error {}

/** Waits from a `Retry-After` header (seconds or HTTP date), or undefined when absent or invalid. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Creates a player; `send` resolves once the whole batch is acknowledged. */
export function createPlayer(opts: PlayerOptions) {
  const doFetch = opts.fetch ?? globalThis.fetch
  const sleep = opts.sleep ?? defaultSleep
  const random = opts.random ?? Math.random
  const maxDelay = opts.maxDelayMs ?? 30_000
  const endpoint = new URL('/api/v1/events', opts.url).toString()
  const stats: PlayerStats = { batches: 0, accepted: 0, duplicates: 0, rejected: 0, retries: 0 }

  async function post(events: IngestEvent[]): Promise<void> {
    const bytes = encodeNdjson(events)
    const body = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)
    for (let attempt = 0; ; attempt++) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted')
      let reason: string
      let wait: number | undefined
      try {
        const res = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${opts.token}` },
          body,
          signal: opts.signal,
        })
        if (res.ok) {
          const r = (await res.json()) as IngestResponse
          stats.batches++
          stats.accepted += r.accepted
          stats.duplicates += r.duplicates
          if (r.rejected.length) {
            stats.rejected += r.rejected.length
            opts.onRejected?.(r.rejected.map((x) => ({ event: events[x.index], error: x.error })))
          }
          return
        }
        const text = await res.text().catch(() => '')
        if (res.status === 413 && events.length > 1) {
          const half = Math.ceil(events.length / 2)
          await post(events.slice(0, half))
          await post(events.slice(half))
          return
        }
        if (res.status === 401 || res.status === 403) throw new FatalIngestError(`ingest refused the token (HTTP ${res.status}); check --token / INGEST_TOKEN`)
        if (res.status === 400 || res.status === 413 || res.status === 415) throw new FatalIngestError(`ingest refused the batch (HTTP ${res.status}): ${text.slice(0, 300)}`)
        reason = `HTTP ${res.status}`
        wait = retryAfterMs(res.headers.get('retry-after'), Date.now())
      } catch (err) {
        if (err instanceof FatalIngestError || opts.signal?.aborted) throw err
        reason = (err as Error).cause ? String((err as { cause: Error }).cause.message ?? (err as Error).cause) : (err as Error).message
      }
      // Jitter (half to all of the backoff) keeps several simulators from retrying in step after a server restart.
      const backoff = Math.min(maxDelay, 250 * 2 ** Math.min(attempt, 10)) * (0.5 + random() / 2)
      const ms = Math.min(maxDelay, wait ?? backoff)
      stats.retries++
      opts.onRetry?.(reason, ms, attempt + 1)
      await sleep(ms)
    }
  }

  return {
    stats,
    /** Posts one batch (≤ 5,000 events), retrying until the server acknowledges it. */
    send: post,
  }
}

/** The player `createPlayer` returns. */
export type Player = ReturnType<typeof createPlayer>
