/**
 * The roll-up delivered: 鞍山 (2103) and 盘锦 (2111) on a 3-master cluster publish their headline
 * rows; a parent wall process for 辽宁 (`REGION_ROOT=21 ROLLUP_OF=2103,2111`) serves the sum, checked
 * against an embedded 辽宁 process fed both roots' events; it follows new events within a few ticks
 * and marks a stopped root stale. The wall itself, in Chromium, loads from the parent and names the
 * stale root.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { F } from '../../shared/kpi/bucket-fields.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { HeadlineRow } from '../../shared/roll-up.ts'
import { redisKeys } from '../../server/store/redis-keys.ts'
import { startChildServer, type ChildServer } from '../../server/testing/child-server.ts'
import { startRedisCluster, type TestCluster } from '../../server/testing/redis-cluster.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { openWall, pool, postOk, startNode, TICK_MS, until, type Wall } from './cluster.ts'
import { CLIENT_DIR, launchChromium, requireBuiltClient } from '../e2e/harness.ts'
import { uniquePrefix } from './redis-server.ts'
import { batches, realisticEvents } from './test-events.ts'

type Node = Awaited<ReturnType<typeof startNode>>
const PANJIN = loadRegionPack('2111')
const ROOTS = ['2103', '2111']
const STALE_SECONDS = 2

let cluster: TestCluster
let prefix = ''
let anshan: Node
let panjin: Node
let province: Node
let parent: ChildServer
let wall: Wall | null = null
let browser: Browser | null = null
let page: Page | null = null

beforeAll(async () => {
  requireBuiltClient()
  cluster = await startRedisCluster({ masters: 3 })
  prefix = uniquePrefix('parent')
  const root = (code: string) => startNode({ redisUrl: cluster.url, prefix, root: code })
  ;[anshan, panjin, province] = await Promise.all([root('2103'), root('2111'), startNode({ root: '21' })])
  parent = await startChildServer({
    // The cluster named by its nodes (REDIS_CLUSTER_NODES) rather than by a redis+cluster:// URL.
    REDIS_URL: '',
    REDIS_CLUSTER_NODES: cluster.url.replace('redis+cluster://', ''),
    KEY_PREFIX: prefix,
    REGION_ROOT: '21',
    ROLLUP_OF: ROOTS.join(','),
    ROLLUP_STALE_SECONDS: String(STALE_SECONDS),
    TICK_MS: String(TICK_MS),
    EVENT_LOOP_MAX_MS: '60000',
    CLIENT_DIR,
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  wall?.close()
  await Promise.all([anshan, panjin, province, parent].filter(Boolean).map((n) => n.stop('SIGKILL')))
  await cluster?.dispose()
})

async function snapshot(url: string, region = '21'): Promise<Snapshot> {
  const res = await fetch(`${url}/api/v1/regions/${region}/snapshot`)
  if (!res.ok) throw new Error(`snapshot ${url} ${region}: ${res.status} ${await res.text()}`)
  return (await res.json()) as Snapshot
}

/** What the parent must equal: 辽宁's figures over the two roots (its other cities hold nothing). */
function summedPart(s: Snapshot) {
  return {
    today: s.today,
    windows: s.windows,
    open: s.open,
    overdue: s.overdue,
    onDuty: s.grid.onDuty,
    patrols: s.grid.patrols,
    gridFound: s.grid.gridFound,
    lastPatrolAt: s.grid.lastPatrolAt,
    cohort: s.cohort,
    hourly: s.hourly,
    daily: s.daily,
    children: s.children.filter((c) => ROOTS.includes(c.code)),
  }
}

/** Polls until the parent's figures equal the embedded 辽宁's; returns how long it took. */
async function parentEqualsProvince(ms = 15_000): Promise<number> {
  const started = Date.now()
  const want = JSON.stringify(summedPart(await snapshot(province.url)))
  let got = ''
  await until('the parent wall to equal 辽宁 fed both roots', async () => (got = JSON.stringify(summedPart(await snapshot(parent.url)))) === want, ms).catch((err: Error) => {
    throw new Error(`${err.message}\nparent:  ${got.slice(0, 600)}\n辽宁:    ${want.slice(0, 600)}`)
  })
  return Date.now() - started
}

const send = (events: ReturnType<typeof realisticEvents>, root: Node) =>
  Promise.all([pool(batches(events, 250).map((b) => () => postOk(root.url, b)), 2), pool(batches(events, 250).map((b) => () => postOk(province.url, b)), 2)])

describe('a parent wall process over two roots on a cluster', () => {
  it('serves the sum of the roots, equal to 辽宁 fed both, on HTTP and on its socket', async () => {
    await Promise.all([
      send(realisticEvents({ count: 3000, seed: 71, prefix: 'PA', quiet: true }), anshan),
      send(realisticEvents({ count: 2000, seed: 72, prefix: 'PP', tree: PANJIN, quiet: true }), panjin),
      // A week ago, so that both roots have mature cohorts for 24小时/72小时办结率.
      send(realisticEvents({ count: 600, seed: 74, prefix: 'PO', now: Date.now() - 6 * 86_400_000, quiet: true }), anshan),
      send(realisticEvents({ count: 400, seed: 75, prefix: 'PQ', tree: PANJIN, now: Date.now() - 6 * 86_400_000, quiet: true }), panjin),
    ])
    await parentEqualsProvince()
    const s = await snapshot(parent.url)
    expect(s.windows.ytd.accepted).toBeGreaterThan(0)
    // The cohort rates and the last patrol are the roots' together (equal to 辽宁's above), not empty.
    expect(s.cohort!.ytd.h72.n).toBeGreaterThan(100)
    expect(s.cohort!.ytd.h24.done).toBeGreaterThan(0)
    expect(s.grid.lastPatrolAt).toBeGreaterThan(Date.now() - 86_400_000)
    expect(s.children.map((c) => c.code)).toEqual(ROOTS)
    expect(s.rollUp?.roots.map((r) => [r.code, r.summed, r.stale])).toEqual([
      ['2103', true, false],
      ['2111', true, false],
    ])
    // Each root's row sits on its own slot, as one small key.
    const c = cluster.client()
    try {
      for (const root of ROOTS) {
        const k = redisKeys(prefix, root)
        expect(Number(await c.call('CLUSTER', 'KEYSLOT', k.headline))).toBe(Number(await c.call('CLUSTER', 'KEYSLOT', k.events)))
        expect(Buffer.byteLength((await c.get(k.headline)) ?? '')).toBeLessThan(64 * 1024)
        expect(await c.pttl(k.headline)).toBeGreaterThan(0)
      }
      // The parent writes its own row under its tag, for a wall above it: the sum of the two.
      const own = JSON.parse((await c.get(redisKeys(prefix, '21').headline)) ?? 'null') as HeadlineRow | null
      expect(own?.windows.ytd[F.accepted]).toBe(s.windows.ytd.accepted)
      expect([own?.open, own?.region, own?.stale]).toEqual([s.open, '21', undefined])
      expect([own?.cohort, own?.lastPatrolAt]).toEqual([s.cohort, s.grid.lastPatrolAt])
    } finally {
      c.disconnect()
    }
    // The same figures by the socket contract: subscribe, then follow the frames' deltas.
    wall = await openWall(parent.url, '21')
    const refused = await wall.socket.emitWithAck('subscribe', { region: '2103' })
    expect(refused.ok).toBe(false)
    await until('a frame with a delta', () => wall!.kpis.length > 0)
    expect(summedPart(wall.kpis.at(-1)!.snapshot).windows).toEqual(summedPart(await snapshot(province.url)).windows)
    expect((await fetch(`${parent.url}/api/v1/regions/2103/snapshot`)).status).toBe(404)
  }, 120_000)

  it('follows new events of one root within a few ticks', async () => {
    const more = realisticEvents({ count: 400, seed: 73, prefix: 'PN', quiet: true })
    const before = (await snapshot(parent.url)).windows.ytd.accepted
    await send(more, anshan)
    // Acknowledged at the root = in the root's figures; the row goes out on the root's next tick
    // and the parent reads it on its next: a few ticks of 100 ms, with slack for a loaded machine.
    const took = await parentEqualsProvince(5000)
    expect(took).toBeLessThan(5000)
    expect((await snapshot(parent.url)).windows.ytd.accepted).toBeGreaterThan(before)
    const w = wall!
    await until("the wall's followed snapshot to show them", async () => JSON.stringify(summedPart(w.kpis.at(-1)!.snapshot).windows) === JSON.stringify(summedPart(await snapshot(province.url)).windows))
  }, 60_000)

  it('serves the wall itself: every API read it makes answers, the map shows the roots, the figures are the snapshot', async () => {
    const geo = (await (await fetch(`${parent.url}/api/v1/regions/21/geo`)).json()) as { features: { properties: { code: string } }[] }
    expect(geo.features.map((f) => f.properties.code).sort()).toEqual(ROOTS)
    for (const part of ['ticker', 'alerts']) expect(await (await fetch(`${parent.url}/api/v1/regions/21/${part}`)).json()).toEqual([])
    expect(((await (await fetch(`${parent.url}/api/v1/regions/21/points?date=today`)).json()) as { points: unknown[] }).points).toEqual([])
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const failed: string[] = []
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`)
    })
    await page.goto(`${parent.url}/wall/21`)
    const shown = () => page!.evaluate(() => {
      type Pinia = { state: { value: { wall: { snapshot: unknown } } } }
      const app = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: { $pinia: Pinia } } } }).__vue_app__
      return app.config.globalProperties.$pinia.state.value.wall.snapshot as Snapshot | null
    })
    const figures = (s: Snapshot | null) => JSON.stringify(s && { ...summedPart(s), children: s.children })
    await until('the wall in Chromium to show the parent’s figures', async () => figures(await shown()) === figures(await snapshot(parent.url)), 20_000)
    // And drawn: the year's 受理 counter reads the parent's sum.
    const ytd = String((await snapshot(parent.url)).windows.ytd.accepted)
    await until('the 受理 counter to read the sum', async () => (await page!.locator('[data-kpi="accepted.ytd"]').first().getAttribute('data-value').catch(() => null)) === ytd)
    expect(failed).toEqual([])
    expect(await page.getByTestId('stale-banner').count()).toBe(0)
  }, 60_000)

  it('marks a stopped root stale: its last row still summed and shown as such, the wall told', async () => {
    await panjin.stop('SIGTERM')
    await until(
      '盘锦 to be reported stale',
      async () => (await snapshot(parent.url)).rollUp?.roots.find((r) => r.code === '2111')?.stale === true,
      STALE_SECONDS * 1000 + 10_000,
    )
    const s = await snapshot(parent.url)
    const [as, pj] = s.rollUp!.roots
    expect([as.stale, as.summed]).toEqual([false, true])
    expect(pj.summed).toBe(true)
    expect(pj.ageMs).toBeGreaterThan(STALE_SECONDS * 1000)
    // Its last figures are still part of the sum (nothing was ingested since), marked, not current.
    expect(summedPart(s)).toEqual(summedPart(await snapshot(province.url)))
    const w = wall!
    await until('a frame saying the figures are stale', () => w.beats.at(-1)?.beat.storeHealthy === false)
    expect((await fetch(`${parent.url}/readyz`)).status).toBe(200)
    // The wall in Chromium names the root that is not current, with its age.
    await until('the wall’s banner to name 盘锦市', async () => ((await page!.getByTestId('stale-banner').textContent().catch(() => null)) ?? '').includes('盘锦市最近一次在'))
    expect(await page!.getByTestId('stale-banner').getAttribute('data-status')).toBe('roots')
    expect(await page!.getByTestId('stale-banner').textContent()).not.toContain('鞍山市')
    // A wall above 辽宁 reading its row learns that part of it is stale.
    const c = cluster.client()
    try {
      await until("辽宁's own row to say it is stale", async () => (JSON.parse((await c.get(redisKeys(prefix, '21').headline)) ?? '{}') as HeadlineRow).stale === true)
    } finally {
      c.disconnect()
    }
  }, 60_000)
})
