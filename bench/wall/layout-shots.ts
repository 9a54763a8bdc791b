/**
 * Screenshots of every wall layout at its wall's size, small (a quarter of the wall's pixels or
 * less): `npx tsx bench/wall/layout-shots.ts [outDir]` (default `docs/layouts`).
 */
import { mkdirSync } from 'node:fs'
import { createFeeder, launchChromium, requireBuiltClient, startTestServer } from '../../test/e2e/harness.ts'

/** Layout name, wall size, query, and the screenshot's device scale. */
export const LAYOUT_SHOTS = [
  ['16x9', 1920, 1080, '', 0.5],
  ['3x1', 5760, 1080, '?grid=3x1&bezel=12', 0.25],
  ['4x1', 7680, 1080, '?grid=4x1&bezel=12', 0.2],
  ['4x2', 7680, 2160, '?grid=4x2&bezel=12', 0.2],
  ['3x3', 5760, 3240, '?grid=3x3&bezel=12', 0.2],
  ['portrait', 1080, 1920, '', 0.4],
] as const

const out = process.argv[2] ?? 'docs/layouts'
mkdirSync(out, { recursive: true })
requireBuiltClient()
const srv = await startTestServer()
const feeder = createFeeder(srv.url, { days: Number(process.env.DAYS ?? 3), locate: true })
await feeder.catchUp()
const live = setInterval(() => void feeder.burst(2).catch(() => undefined), 1000)
const browser = await launchChromium()
for (const [name, w, h, query, scale] of LAYOUT_SHOTS) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, deviceScaleFactor: scale })
  await page.goto(`${srv.url}/wall/2103${query}`)
  await page.waitForSelector('[data-kpi="accepted.ytd"][data-value]:not([data-value=""])')
  await page.waitForSelector('[data-testid="map-labels"] [data-code]')
  await page.evaluate(() => document.fonts.ready)
  await page.waitForTimeout(4000)
  await page.screenshot({ path: `${out}/wall-${name}.png` })
  console.log(`${out}/wall-${name}.png`)
  await page.close()
}
clearInterval(live)
await browser.close()
await srv.dispose()
