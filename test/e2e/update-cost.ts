/**
 * Per-tick update cost of the live wall (1920×1080, 鞍山市 2103, a feeder posting every tick) from
 * a Chromium trace (see `trace-cost.ts`): per applied tick, wall and CPU time of its tasks; long
 * tasks; all main-thread CPU per update.
 *   npx tsx test/e2e/update-cost.ts [tickMs=50] [seconds=20]
 */
import { createFeeder, launchChromium, requireBuiltClient, startTestServer } from './harness.ts'
import { formatUpdateCost, traceUpdateCost } from './trace-cost.ts'

const tick = Number(process.argv[2] ?? 50)
const SECONDS = Number(process.argv[3] ?? 20)
requireBuiltClient()
const srv = await startTestServer({ tickMs: tick })
const feeder = createFeeder(srv.url, { days: 1 })
await feeder.catchUp()
let feeding = true
void (async () => {
  let n = 0
  while (feeding) {
    await feeder.burst(2, `cost${n++}`).catch(() => undefined)
    await new Promise((r) => setTimeout(r, tick))
  }
})()
const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
await page.goto(`${srv.url}/wall/2103`)
await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])')
await page.waitForTimeout(5000)
const cost = await traceUpdateCost(browser, page, SECONDS)
feeding = false
await browser.close()
await srv.dispose()
console.log(`tick ${tick} ms, 1920×1080, /wall/2103`)
for (const line of formatUpdateCost(cost)) console.log(line)
