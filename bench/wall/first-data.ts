/**
 * First data on screen: how long after navigation the wall shows the server's figures, on loopback,
 * each load in a fresh browser context (nothing cached). `npx tsx bench/wall/first-data.ts [loads=7]`
 * after `npm run build`. Fails if the median misses the 2 s target.
 */
import { createFeeder, launchChromium, requireBuiltClient, startTestServer } from '../../test/e2e/harness.ts'

const LOADS = Number(process.argv[2] ?? 7)
const TARGET_MS = 2000

requireBuiltClient()
const srv = await startTestServer()
const feeder = createFeeder(srv.url, { days: 2 })
await feeder.catchUp()
const browser = await launchChromium()
const times: number[] = []
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const page = await context.newPage()
    await page.goto(`${srv.url}/wall/2103?trace=1`)
    await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])', { timeout: 30_000 })
    // Marked by the wall when the first snapshot's figures are rendered, from navigation start.
    const ms = await page.evaluate(() => performance.getEntriesByName('yiwang:first-data')[0]?.startTime ?? Number.NaN)
    if (!Number.isFinite(ms)) throw new Error('the wall did not mark yiwang:first-data')
    times.push(ms)
    await context.close()
  }
} finally {
  await browser.close()
  await srv.dispose()
}
const sorted = [...times].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]
console.log(`first data on screen, ${LOADS} cold loads: ${times.map((t) => Math.round(t)).join(', ')} ms`)
console.log(`median ${Math.round(median)} ms, max ${Math.round(sorted.at(-1)!)} ms (target ${TARGET_MS} ms)`)
if (!(median < TARGET_MS)) process.exitCode = 1
