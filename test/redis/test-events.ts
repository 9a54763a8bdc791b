/** Realistic event streams for the Redis tests and benchmark: requests with lifecycles, grid duty, out of order. */
import { CATEGORIES } from '../../shared/categories.ts'
import { CHANNELS, type IngestEvent } from '../../shared/events.ts'
import { gridCountFor, type RegionTree } from '../../shared/region-tree.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { mulberry32 } from '../../mock/random.ts'
import { startOfDay } from '../../shared/time-windows.ts'

export interface EventStreamOptions {
  /** How many events. */
  count: number
  /** Same seed, same events. @default 1 */
  seed?: number
  /** Latest event time; events fall between the start of yesterday (Asia/Shanghai) and `now` − 1 min. @default Date.now() */
  now?: number
  /** Prefix of ids and request ids, to keep runs apart. @default 'AS' */
  prefix?: string
  /** @default the 鞍山 pack */
  tree?: RegionTree
  /**
   * Keeps the figures still while a test compares processes: no event in the last 5 h (beyond the
   * 4 h sign-for limit) and explicit deadlines 3 days out, so no time limit passes during the test.
   * @default false
   */
  quiet?: boolean
}

const MIN = 60_000
const DAY = 86_400_000

/** A small seeded PRNG (mulberry32). */
export const seeded = mulberry32

let cachedTree: RegionTree | undefined

/** `count` events of a city's hotline and grids: creations on communities and grids, dispatch → sign → complete → visit, returns, supervision, invalidations, grid duty and patrols; locally shuffled so some lifecycle events come before their creation. */
export function realisticEvents(opts: EventStreamOptions): IngestEvent[] {
  const rnd = seeded(opts.seed ?? 1)
  const now = opts.now ?? Date.now()
  const prefix = opts.prefix ?? 'AS'
  const tree = opts.tree ?? (cachedTree ??= loadRegionPack('2103'))
  const communities = tree.nodes.filter((n) => n.level === 'community').map((n) => n.code)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const gridOf = (community: string) => `${community}${String(1 + Math.floor(rnd() * gridCountFor(community))).padStart(3, '0')}`
  const from = startOfDay(now) - DAY
  const latest = now - (opts.quiet ? 5 * 60 * MIN : MIN)
  const iso = (ms: number) => new Date(ms).toISOString()
  const out: IngestEvent[] = []
  let n = 0
  while (out.length < opts.count) {
    n++
    if (rnd() < 0.2) {
      const community = pick(communities)
      const grid = gridOf(community)
      const worker = `W${community.slice(-6)}${grid.slice(-3)}`
      let t = from + rnd() * (latest - from)
      const shift = (type: 'grid.duty_on' | 'grid.patrol' | 'grid.duty_off', id: string) => {
        if (t <= latest) out.push({ id: `${prefix}-G${n}:${id}`, type, at: iso(t), grid, worker })
      }
      shift('grid.duty_on', 'on')
      for (let p = 0; p < 3; p++) {
        t += MIN + 20 * MIN * rnd()
        shift('grid.patrol', `p${p}`)
      }
      t += 30 * MIN
      shift('grid.duty_off', 'off')
      continue
    }
    const requestId = `${prefix}8890-${String(n).padStart(7, '0')}`
    const community = pick(communities)
    const channel = pick(CHANNELS)
    let t = from + rnd() * (latest - from - 10 * MIN)
    // Each step at least a second after the previous one (ties would leave their order to arrival);
    // steps after `latest` have not happened yet.
    const ev = (type: string, extra: Record<string, unknown> = {}) => {
      t += 1000
      if (t <= latest) out.push({ id: `${requestId}:${type.slice(8)}:${out.length}`, type, at: iso(t), requestId, ...extra } as IngestEvent)
    }
    ev('request.created', {
      region: channel === 'grid' || rnd() < 0.3 ? gridOf(community) : community,
      category: rnd() < 0.02 ? '未知分类' : pick(CATEGORIES),
      channel,
      urgency: rnd() < 0.1 ? 'urgent' : 'normal',
      summary: '居民反映小区供暖不热，联系电话13800000000',
      ...(opts.quiet ? { deadline: new Date(t + 3 * DAY).toISOString() } : {}),
    })
    const r = rnd()
    if (r < 0.03) {
      t += 5 * MIN
      ev('request.invalidated', { reason: '重复来电' })
      continue
    }
    if (r < 0.25) {
      t += 3 * MIN
      ev('request.completed')
      continue
    }
    t += 10 * MIN * rnd()
    ev('request.dispatched', { department: pick(['供热公司', '自来水公司', '燃气公司', '城管局', '街道办', '物业公司']) })
    if (rnd() < 0.05) {
      t += 20 * MIN
      ev('request.returned', { reason: '非本单位职责' })
      ev('request.dispatched', { department: '街道办' })
    }
    if (rnd() < 0.85) {
      t += 30 * MIN * rnd()
      ev('request.signed')
    }
    if (rnd() < 0.05) ev('request.supervised')
    if (rnd() < 0.7) {
      t += 6 * 60 * MIN * rnd()
      ev('request.completed')
      if (rnd() < 0.6) {
        t += 60 * MIN * rnd()
        ev('request.visited', { satisfaction: pick(['satisfied', 'satisfied', 'satisfied', 'basic', 'dissatisfied'] as const) })
      }
      if (rnd() < 0.02) ev('request.reopened')
    }
  }
  out.length = opts.count
  // Upstream systems do not deliver in order: swap neighbours within a window.
  for (let i = 0; i < out.length; i++) {
    const j = Math.min(out.length - 1, i + Math.floor(rnd() * 8))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** Splits `events` into batches of `size`. */
export function batches<T>(events: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size))
  return out
}
