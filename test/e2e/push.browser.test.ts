import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { createFeeder, getJson, launchChromium, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'

let srv: TestServer
let browser: Browser
let feeder: ReturnType<typeof createFeeder>

beforeAll(async () => {
  requireBuiltClient()
  srv = await startTestServer({ tickMs: 250 })
  feeder = createFeeder(srv.url, { days: 1 })
  await feeder.catchUp()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await srv?.dispose()
})

/** JSON with object keys sorted: equal for deeply equal values (a patch may add a key in another place). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x))
const withoutClock = (s: Snapshot | null) => (s ? canonical({ ...s, asOf: 0, lastEventAt: 0 }) : 'none')
/** The wall store's state in the page (pinia's state of the `wall` store). */
const wallState = (page: Page) =>
  page.evaluate(() => {
    const app = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: { $pinia: { state: { value: { wall: { snapshot: unknown; gaps: number } } } } } } } }).__vue_app__
    const wall = app.config.globalProperties.$pinia.state.value.wall
    return { snapshot: wall.snapshot as Snapshot | null, gaps: wall.gaps }
  })
/** Polls until the whole snapshot the wall renders is the server's (all but the clock fields). */
async function expectServerSnapshot(page: Page, code: string) {
  await expect
    .poll(async () => withoutClock((await wallState(page)).snapshot) === withoutClock(await getJson<Snapshot>(`${srv.url}/api/v1/regions/${code}/snapshot`)), { timeout: 10_000, interval: 200 })
    .toBe(true)
    .catch(async (e) => {
      const a = JSON.parse(withoutClock((await wallState(page)).snapshot))
      const b = JSON.parse(withoutClock(await getJson<Snapshot>(`${srv.url}/api/v1/regions/${code}/snapshot`)))
      for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) console.log(k, JSON.stringify(a[k]).slice(0, 300), JSON.stringify(b[k]).slice(0, 300))
      throw e
    })
}

describe('the wall fed by deltas', () => {
  it('holds exactly the server snapshot across many ticks, a lost delta and a reconnect', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    // Between page and server: frames from the server pass, except the next delta when asked to drop it.
    let dropNext = false
    let dropped = 0
    let sockets = 0
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      sockets++
      const server = ws.connectToServer()
      ws.onMessage((m) => server.send(m))
      server.onMessage((m) => {
        if (dropNext && typeof m === 'string' && m.includes('"kpi":')) {
          dropNext = false
          dropped++
          return
        }
        ws.send(m)
      })
    })
    await page.goto(`${srv.url}/wall/2103`)
    await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])', { timeout: 10_000 })
    await expectServerSnapshot(page, '2103')

    for (let i = 0; i < 8; i++) await feeder.burst(3, `many-${i}`).then(() => new Promise((r) => setTimeout(r, 300)))
    await expectServerSnapshot(page, '2103')
    expect((await wallState(page)).gaps).toBe(0)

    dropNext = true
    await feeder.burst(2, 'lost')
    await expect.poll(() => dropped, { timeout: 5000 }).toBe(1)
    await feeder.burst(2, 'after-lost')
    await expect.poll(async () => (await wallState(page)).gaps, { timeout: 5000 }).toBeGreaterThan(0)
    await expectServerSnapshot(page, '2103')

    await srv.restart()
    // Every connection attempt passes the route, including ones made while the server was down.
    await expect.poll(() => sockets, { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    await feeder.burst(3, 'after-restart')
    await expectServerSnapshot(page, '2103')
    await page.close()
  }, 60_000)
})
