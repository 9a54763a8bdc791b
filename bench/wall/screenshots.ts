/** Takes screenshots of the wall at the four wall sizes: `npx tsx bench/wall/screenshots.ts [outDir]`. */
import { mkdirSync } from 'node:fs'
import { createFeeder, launchChromium, requireBuiltClient, startTestServer } from '../../test/e2e/harness.ts'

export const SIZES = [
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
  [5760, 1080],
] as const

const out = process.argv[2] ?? 'screenshots'
const path = process.argv[3] ?? '/wall/2103'
mkdirSync(out, { recursive: true })
requireBuiltClient()
const srv = await startTestServer()
const feeder = createFeeder(srv.url, { days: Number(process.env.DAYS ?? 30) })
const t0 = performance.now()
const n = await feeder.catchUp()
console.log(`seeded ${n} events in ${Math.round(performance.now() - t0)} ms`)
// New requests every second, so the ticker and the map pulses have something to show.
const live = setInterval(() => void feeder.burst(3).catch(() => undefined), 1000)
const browser = await launchChromium()
for (const [w, h] of SIZES) {
  const page = await browser.newPage({ viewport: { width: w, height: h } })
  const sep = path.includes('?') ? '&' : '?'
  await page.goto(`${srv.url}${path}${w === 5760 ? `${sep}fit=height` : ''}`)
  await page.waitForSelector('[data-kpi="accepted.ytd"][data-value]:not([data-value=""])')
  await page.evaluate(() => document.fonts.ready)
  await page.waitForTimeout(6000)
  await page.screenshot({ path: `${out}/wall-${w}x${h}.png` })
  console.log(`${out}/wall-${w}x${h}.png`)
  await page.close()
}
clearInterval(live)
await browser.close()
await srv.dispose()
