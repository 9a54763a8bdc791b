/**
 * A parent wall's side of the roll-up: reads each root's headline row from Redis, one key at a
 * time (`GET` + `PTTL` of `{prefix:root}:headline`, the root's own slot: no cross-slot command).
 * A row's age is measured by Redis (the key's TTL run down since the root's last write), so
 * neither the roots' nor the parent's clock decides whether a root is current.
 */
import { BUCKET_FIELDS } from '../../shared/kpi/bucket-fields.ts'
import { WINDOWS } from '../../shared/kpi-types.ts'
import type { HeadlineRow } from '../../shared/roll-up.ts'
import { connectRedis, waitReady, type RedisClient } from '../store/redis-connection.ts'
import { redisKeys } from '../store/redis-keys.ts'
import { HEADLINE_MAX_BYTES, HEADLINE_TTL_MS } from './headline-publisher.ts'

/** What the parent holds of one root. */
export interface RootRead {
  /** The root as `ROLLUP_OF` names it. */
  code: string
  /** Its latest row, or null when Redis holds none (never published, or gone for longer than the row's TTL). */
  row: HeadlineRow | null
  /** How long ago the root wrote `row`, or null without a row. */
  ageMs: number | null
}

/** Whether `v` has the shape of a row of `root` (a row written by another version or by hand is not summed). */
function isRow(v: unknown): v is HeadlineRow {
  const r = v as HeadlineRow
  return (
    !!r &&
    typeof r.region === 'string' &&
    typeof r.today === 'string' &&
    [r.open, r.overdue, r.onDuty, r.grids].every(Number.isFinite) &&
    WINDOWS.every((w) => Array.isArray(r.windows?.[w]) && r.windows[w].length === BUCKET_FIELDS) &&
    Array.isArray(r.hourly?.today?.accepted) &&
    Array.isArray(r.daily?.dates) &&
    (r.cohort === undefined || WINDOWS.every((w) => [r.cohort?.[w]?.h24, r.cohort?.[w]?.h72].every((c) => Number.isFinite(c?.n) && Number.isFinite(c?.done)))) &&
    (r.lastPatrolAt === undefined || r.lastPatrolAt === null || Number.isFinite(r.lastPatrolAt))
  )
}

export class HeadlineSource {
  private readonly conn: RedisClient
  private readonly last = new Map<string, { read: RootRead; at: number }>()
  /** The last read reached Redis for every root. */
  healthy = false
  lastError: string | null = null

  constructor(
    url: string,
    private readonly prefix: string,
    readonly roots: string[],
    commandTimeoutMs: number,
    private readonly warn: (msg: string) => void = () => {},
  ) {
    this.conn = connectRedis(url, 'yiwang-rollup', commandTimeoutMs)
    this.conn.on('error', (err: Error) => (this.lastError = err.message))
  }

  open(waitMs: number): Promise<void> {
    return waitReady(this.conn, waitMs)
  }

  /** Every root's row now; a root Redis did not answer for keeps its last row, aged by the time since. */
  async read(): Promise<RootRead[]> {
    const reads = await Promise.all(this.roots.map((code) => this.readOne(code).then((r) => ({ ok: true as const, r }), (err: Error) => ({ ok: false as const, err, code }))))
    this.healthy = reads.every((x) => x.ok)
    return reads.map((x) => {
      if (x.ok) {
        this.last.set(x.r.code, { read: x.r, at: performance.now() })
        return x.r
      }
      this.lastError = x.err.message
      const held = this.last.get(x.code)
      if (!held?.read.row) return { code: x.code, row: null, ageMs: null }
      return { ...held.read, ageMs: held.read.ageMs! + (performance.now() - held.at) }
    })
  }

  private async readOne(code: string): Promise<RootRead> {
    const key = redisKeys(this.prefix, code).headline
    const replies = await this.conn.pipeline().get(key).pttl(key).exec()
    if (!replies) throw new Error('Redis unavailable (pipeline discarded)')
    const [[getErr, json], [ttlErr, pttl]] = replies as [[Error | null, string | null], [Error | null, number]]
    if (getErr || ttlErr) throw (getErr ?? ttlErr)!
    if (json === null || pttl < 0) return { code, row: null, ageMs: null }
    let row: unknown = null
    try {
      row = json.length <= HEADLINE_MAX_BYTES ? JSON.parse(json) : null
    } catch {
      // Reported below.
    }
    if (!isRow(row)) {
      this.warn(`the headline row of ${code} in ${key} is not a row; it is left out`)
      return { code, row: null, ageMs: null }
    }
    return { code, row, ageMs: Math.max(0, HEADLINE_TTL_MS - pttl) }
  }

  /** Writes this parent's own row under its tag, for a wall above it (one `SET … PX` on the parent's slot). */
  async publish(parent: string, json: string, ttlMs: number): Promise<void> {
    await this.conn.set(redisKeys(this.prefix, parent).headline, json, 'PX', ttlMs)
  }

  close(): void {
    this.conn.disconnect()
  }
}
