/** Server configuration from environment variables (schema in config-schema.ts), with clear messages. */
import { resolve } from 'node:path'
import { isTrue, parseEnv } from './config-schema.ts'

export interface Config {
  host: string
  port: number
  dataDir: string
  regionRoot: string
  ingestToken: string
  tickMs: number
  redisUrl: string | null
  keyPrefix: string
  /** Parent wall mode: the roots whose headline rows this process sums (empty: an ordinary process). */
  rollupOf: string[]
  /** Parent wall: a root's row older than this is stale. */
  rollupStaleMs: number
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
  /** Requests expected in a silence before it raises the 数据中断 alert. */
  feedStaleExpected: number
  /** Days the feed's per-hour expectation is learnt from. */
  feedLearnDays: number
  /** Title shown on the wall; defaults to the root's name + 民心网(8890). */
  title: string | null
  /** Built client to serve, if present. */
  clientDir: string
  /** The Chromium binary that prints briefing PDFs. */
  chromiumPath: string
  checkpointEveryMs: number
  /** With state kept as rows: a checkpoint is written as soon as this many rows changed. */
  checkpointRows: number
  /** Events whose `at` is older than this many days are rejected as too old; ids are kept this long. */
  dedupeDays: number
  /** Embedded store: days the received batches are kept behind the state. */
  logKeepDays: number
  /** Departments kept per region; the rest count as 其他. */
  departmentsPerRegion: number
  /** Located requests kept per day for the map's point layer. */
  mapPointsPerDay: number
  logKeepMb: number
  /** A store refusing writes for longer than this makes /healthz fail, so an orchestrator restarts the process. */
  storeUnhealthyMs: number
  /** Whether the server binds a loopback address only. */
  loopback: boolean
  /** Origins besides the server's own whose pages may open a socket. */
  allowedOrigins: string[]
  /** HTTP requests a minute per client. */
  rateLimitMax: number
  /** Failed token checks per IP in 10 minutes before 429. */
  authFailuresMax: number
  maxSocketsPerIp: number
  maxSubscriptions: number
  /** Event-loop delay over which requests get 503. */
  eventLoopMaxMs: number
  /** Bearer token of /metrics, or null (loopback clients only). */
  metricsToken: string | null
  trustProxy: boolean
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/
const TOKEN = /^[A-Za-z0-9._~+/-]+$/
const REGION = /^(\*|\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/

/** `token=region,…` with every entry checked: malformed entries and repeated tokens refuse to start. */
export function parseViewTokens(raw: string | undefined): Map<string, string> {
  const tokens = new Map<string, string>()
  for (const entry of (raw ?? '').split(',')) {
    if (!entry.trim()) continue
    const parts = entry.split('=').map((p) => p.trim())
    const shown = entry.length > 40 ? `${entry.slice(0, 40)}…` : entry
    if (parts.length !== 2 || !TOKEN.test(parts[0]) || !REGION.test(parts[1])) {
      throw new Error(`VIEW_TOKENS: "${shown}" is not token=regionCode or token=* (a token is letters, digits and ._~+/-)`)
    }
    if (tokens.has(parts[0])) throw new Error(`VIEW_TOKENS: token "${parts[0].slice(0, 4)}…" appears twice`)
    tokens.set(parts[0], parts[1])
  }
  return tokens
}

/** An origin as browsers send it: scheme://host[:port], no path. */
function parseOrigins(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      let url: URL | null = null
      try {
        url = new URL(o)
      } catch {
        // Reported below.
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o.replace(/\/$/, '')) {
        throw new Error(`ALLOWED_ORIGINS: "${o.slice(0, 60)}" is not an origin like https://wall.example.gov.cn`)
      }
      return url.origin
    })
}

/** The store's URL: `REDIS_URL`, or a cluster named by `REDIS_CLUSTER_NODES` (not both). */
function redisUrlOf(url: string | undefined, nodes: string | undefined): string | null {
  if (url && nodes) throw new Error('REDIS_URL and REDIS_CLUSTER_NODES are both set: name the store once (a cluster as REDIS_URL=redis+cluster://host:port,… or REDIS_CLUSTER_NODES=host:port,…)')
  return nodes ? `redis+cluster://${nodes}` : (url ?? null)
}

/** `ROLLUP_OF`: distinct roots strictly below `REGION_ROOT` (checked against the pack when the parent starts); needs Redis. */
function rollupRoots(raw: string | undefined, root: string, redis: string | undefined): string[] {
  if (!raw) return []
  if (!redis) throw new Error('ROLLUP_OF needs REDIS_URL or REDIS_CLUSTER_NODES: a parent wall reads its roots\' rows from Redis')
  const roots = raw.split(',')
  const seen = new Set<string>()
  for (const r of roots) {
    if (!r.startsWith(root) || r === root) throw new Error(`ROLLUP_OF: ${r} is not a region below REGION_ROOT ${root}`)
    if (seen.has(r)) throw new Error(`ROLLUP_OF: ${r} appears twice`)
    seen.add(r)
  }
  return roots
}

/** Reads the configuration; throws an Error naming the variable when one is invalid. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnv(env)
  const loopback = LOOPBACK.test(e.HOST)
  const allowAnonymous = e.ALLOW_ANONYMOUS !== undefined ? isTrue(e.ALLOW_ANONYMOUS) : loopback
  let ingestToken = e.INGEST_TOKEN ?? ''
  if (!ingestToken) {
    if (!loopback) throw new Error('INGEST_TOKEN must be set when HOST is not a loopback address')
    ingestToken = 'dev-ingest-token'
  }
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.DATA_DIR),
    regionRoot: e.REGION_ROOT,
    ingestToken,
    tickMs: e.TICK_MS,
    redisUrl: redisUrlOf(e.REDIS_URL, e.REDIS_CLUSTER_NODES),
    keyPrefix: e.KEY_PREFIX,
    rollupOf: rollupRoots(e.ROLLUP_OF, e.REGION_ROOT, e.REDIS_URL ?? e.REDIS_CLUSTER_NODES),
    rollupStaleMs: e.ROLLUP_STALE_SECONDS * 1000,
    viewTokens: parseViewTokens(e.VIEW_TOKENS),
    allowAnonymous,
    bodyLimit: e.BODY_LIMIT,
    maxBatch: e.MAX_BATCH,
    maxInflight: e.MAX_INFLIGHT,
    feedStaleMs: e.FEED_STALE_SECONDS * 1000,
    feedStaleExpected: e.FEED_STALE_EXPECTED,
    feedLearnDays: e.FEED_LEARN_DAYS,
    title: e.WALL_TITLE ?? null,
    clientDir: resolve(e.CLIENT_DIR),
    chromiumPath: e.CHROMIUM_PATH,
    checkpointEveryMs: e.CHECKPOINT_SECONDS * 1000,
    checkpointRows: e.CHECKPOINT_ROWS,
    dedupeDays: e.DEDUPE_DAYS,
    logKeepDays: e.LOG_KEEP_DAYS,
    departmentsPerRegion: e.DEPARTMENTS_PER_REGION,
    mapPointsPerDay: e.MAP_POINTS_PER_DAY,
    logKeepMb: e.LOG_KEEP_MB,
    storeUnhealthyMs: e.STORE_UNHEALTHY_SECONDS * 1000,
    loopback,
    allowedOrigins: parseOrigins(e.ALLOWED_ORIGINS),
    rateLimitMax: e.RATE_LIMIT_MAX,
    authFailuresMax: e.AUTH_FAILURES_MAX,
    maxSocketsPerIp: e.MAX_SOCKETS_PER_IP,
    maxSubscriptions: e.MAX_SUBSCRIPTIONS,
    eventLoopMaxMs: e.EVENT_LOOP_MAX_MS,
    metricsToken: e.METRICS_TOKEN ?? null,
    trustProxy: isTrue(e.TRUST_PROXY),
  }
}
