/**
 * The setting of the wall's measurement scripts: a test server at an accelerated tick, a feeder
 * posting new requests every tick, and Chromium showing the live 鞍山市 wall at 1920×1080.
 */
import type { Browser, Page } from 'playwright-core'
import { createFeeder, launchChromium, requireBuiltClient, startTestServer, type TestServer } from '../../test/e2e/harness.ts'

export interface FedWall {
  srv: TestServer
  browser: Browser
  page: Page
  /** Stops the feeder, the browser and the server. */
  close: () => Promise<void>
}

/** Opens the fed wall once its first figures are on screen. */
export async function openFedWall(opts: {
  tickMs: number
  tag: string
  /**
   * New requests per tick (fractions: one request every 1/n ticks), or `'sim'`: the simulator's city
   * played in real time, every event it makes (created, signed, completed, visited, patrols), which
   * is the load of `npm start`. @default 2 (≈ 100× a real city at a 1 s tick)
   */
  requestsPerTick?: number | 'sim'
}): Promise<FedWall> {
  requireBuiltClient()
  const srv = await startTestServer({ tickMs: opts.tickMs })
  const feeder = createFeeder(srv.url, { days: 1 })
  await feeder.catchUp()
  let feeding = true
  void (async () => {
    const rate = opts.requestsPerTick ?? 2
    let n = 0
    let owed = 0
    while (feeding) {
      if (rate === 'sim') await feeder.catchUp().catch(() => undefined)
      else {
        owed += rate
        const k = Math.floor(owed)
        owed -= k
        if (k > 0) await feeder.burst(k, `${opts.tag}${n++}`).catch(() => undefined)
      }
      await new Promise((r) => setTimeout(r, opts.tickMs))
    }
  })()
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await page.goto(`${srv.url}/wall/2103?trace=1`)
  await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])')
  return {
    srv,
    browser,
    page,
    close: async () => {
      feeding = false
      await browser.close()
      await srv.dispose()
    },
  }
}
