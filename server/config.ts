/** Server configuration from environment variables, validated with clear messages. */
import { resolve } from 'node:path'

export interface Config {
  host: string
  port: number
  dataDir: string
  regionRoot: string
  ingestToken: string
  tickMs: number
  redisUrl: string | null
  keyPrefix: string
  /** Viewer tokens and the region each is bound to (`*` for all). */
  viewTokens: Map<string, string>
  allowAnonymous: boolean
  /** Largest ingest body in bytes. */
  bodyLimit: number
  /** Most events in one batch. */
  maxBatch: number
  /** Ingest requests in flight before answering 429. */
  maxInflight: number
  feedStaleMs: number
  /** Working hours (Asia/Shanghai) during which a silent feed raises an alert: [from, to). */
  workHours: [number, number]
  /** Title shown on the wall; defaults to the root's name + 民心网(8890). */
  title: string | null
  /** Built client to serve, if present. */
  clientDir: string
  checkpointEveryMs: number
  /** With state kept as rows: a checkpoint is written as soon as this many rows changed. */
  checkpointRows: number
  /** Events whose `at` is older than this many days are rejected as too old; ids are kept this long. */
  dedupeDays: number
  /** Embedded store: days the received batches are kept behind the state. */
  logKeepDays: number
  /** A store refusing writes for longer than this makes /healthz fail, so an orchestrator restarts the process. */
  storeUnhealthyMs: number
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

function int(env: Record<string, string | undefined>, name: string, def: number, min: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return def
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

/** Reads the configuration; throws an Error naming the variable when one is invalid. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const host = env.HOST || '127.0.0.1'
  const loopback = LOOPBACK.test(host)
  const allowAnonymous = env.ALLOW_ANONYMOUS ? /^(1|true|yes)$/i.test(env.ALLOW_ANONYMOUS) : loopback
  let ingestToken = env.INGEST_TOKEN ?? ''
  if (!ingestToken) {
    if (!loopback) throw new Error('INGEST_TOKEN must be set when HOST is not a loopback address')
    ingestToken = 'dev-ingest-token'
  }
  const viewTokens = new Map<string, string>()
  for (const pair of (env.VIEW_TOKENS ?? '').split(',').filter(Boolean)) {
    const [token, region] = pair.split('=')
    if (!token || !region) throw new Error(`VIEW_TOKENS entries are token=regionCode (or token=*), got "${pair}"`)
    viewTokens.set(token.trim(), region.trim())
  }
  const wh = (env.WORK_HOURS ?? '8-18').split('-').map(Number)
  if (wh.length !== 2 || !wh.every((h) => Number.isInteger(h) && h >= 0 && h <= 24) || wh[0] >= wh[1]) {
    throw new Error(`WORK_HOURS must look like 8-18, got "${env.WORK_HOURS}"`)
  }
  return {
    host,
    port: int(env, 'PORT', 8890, 0),
    dataDir: resolve(env.DATA_DIR || './data/runtime'),
    regionRoot: env.REGION_ROOT || '2103',
    ingestToken,
    tickMs: int(env, 'TICK_MS', 1000, 10),
    redisUrl: env.REDIS_URL || null,
    keyPrefix: env.KEY_PREFIX || 'yiwang',
    viewTokens,
    allowAnonymous,
    bodyLimit: int(env, 'BODY_LIMIT', 8 * 1024 * 1024, 1024),
    maxBatch: int(env, 'MAX_BATCH', 5000, 1),
    maxInflight: int(env, 'MAX_INFLIGHT', 64, 1),
    feedStaleMs: int(env, 'FEED_STALE_SECONDS', 600, 1) * 1000,
    workHours: [wh[0], wh[1]],
    title: env.WALL_TITLE || null,
    clientDir: resolve(env.CLIENT_DIR || 'dist/client'),
    checkpointEveryMs: int(env, 'CHECKPOINT_SECONDS', 300, 1) * 1000,
    checkpointRows: int(env, 'CHECKPOINT_ROWS', 15_000, 100),
    dedupeDays: int(env, 'DEDUPE_DAYS', 400, 1),
    logKeepDays: int(env, 'LOG_KEEP_DAYS', 2, 0),
    storeUnhealthyMs: int(env, 'STORE_UNHEALTHY_SECONDS', 60, 1) * 1000,
  }
}
