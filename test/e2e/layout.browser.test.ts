import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeeder, launchChromium, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'
import { layoutProblems } from './layout-check.ts'
import { MAX_TICKER } from '../../client/stores/wall.ts'
import { MIN_TICKER_LINE_PX } from '../../client/format/ticker-fit.ts'
import { workerCharts } from './worker-charts.ts'

const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'yiwang-screenshots')
let srv: TestServer
let browser: Browser
let feeder: ReturnType<typeof createFeeder>
let live: ReturnType<typeof setInterval>
let paused = false

beforeAll(async () => {
  requireBuiltClient()
  mkdirSync(SHOTS, { recursive: true })
  srv = await startTestServer()
  feeder = createFeeder(srv.url, { days: 2 })
  await feeder.catchUp()
  live = setInterval(() => void (paused ? undefined : feeder.burst(2).catch(() => undefined)), 1000)
  browser = await launchChromium()
})
afterAll(async () => {
  clearInterval(live)
  await browser?.close()
  await srv?.dispose()
})

describe('the wall fits every wall size', () => {
  it.each([
    [1280, 720, ''],
    [1920, 1080, ''],
    [3840, 2160, ''],
    [5760, 1080, ''],
    [5760, 1080, '?fit=height'],
    [1920, 1080, '?lang=en'],
    [2560, 1440, '?w=2560&h=1440'],
  ])('%i×%i%s: no overflow, no clipping, no text under 14 px', async (width, height, query) => {
    const page = await browser.newPage({ viewport: { width, height } })
    page.setDefaultTimeout(60_000)
    // Measured (?trace=1), so the chart worker shows its charts to the test.
    await page.goto(`${srv.url}/wall/2103${query || '?'}${query ? '&' : ''}trace=1`)
    await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])')
    await page.waitForSelector('[data-testid="map-labels"] [data-code]')
    await page.evaluate(() => document.fonts.ready)
    await page.waitForTimeout(1500)
    // Measured between pushes, so no ticker line is half-way through its entrance.
    paused = true
    await page.waitForTimeout(2500)
    const problems = await page.evaluate(layoutProblems)
    paused = false
    const file = join(SHOTS, `wall-${width}x${height}${query.replace(/[?&=]/g, '_')}.png`)
    await page.screenshot({ path: file })
    expect(problems, file).toEqual([])
    // Charts crisp at this scale: the worker's canvases have at least a pixel for each screen pixel
    // of their box, at the pixel ratio the wall asked for.
    // (On a loaded machine the worker's script may still be starting: polled, not read once.)
    await expect.poll(async () => (await workerCharts(page)).map((c) => c.name).sort(), { timeout: 15_000 }).toEqual(['daily', 'hourly'])
    const charts = await workerCharts(page)
    for (const c of charts) {
      const box = await page.$eval(`[data-chart="${c.name}"]`, (el) => el.getBoundingClientRect().toJSON() as DOMRect)
      expect(c.canvas.width, `${file} ${c.name}`).toBeGreaterThanOrEqual(Math.floor(box.width))
      expect(c.canvas.height, `${file} ${c.name}`).toBeGreaterThanOrEqual(Math.floor(box.height))
      expect(Math.abs(c.canvas.width - c.size.width * c.size.pixelRatio), `${file} ${c.name}`).toBeLessThanOrEqual(1)
      expect(c.paintedPixels, `${file} ${c.name}`).toBeGreaterThan(0)
    }
    const fit = await page.evaluate(shownFit)
    // SVGs sized in px still fill their boxes exactly.
    expect(fit.svgs.length, file).toBe(3)
    for (const s of fit.svgs) expect(Math.max(Math.abs(s.width - s.boxWidth), Math.abs(s.height - s.boxHeight)), `${file} ${s.name}`).toBeLessThan(1)
    // The ticker renders only the lines that can show, still enough to fill its box.
    expect(fit.ticker.lines, file).toBeLessThan(MAX_TICKER)
    expect(fit.ticker.lastBottom, file).toBeGreaterThanOrEqual(fit.ticker.boxBottom)
    expect(fit.ticker.shortest, file).toBeGreaterThanOrEqual(MIN_TICKER_LINE_PX)
    // Each new request pulses on the child it falls in.
    expect(fit.pulses.length, file).toBeGreaterThan(0)
    for (const p of fit.pulses) expect(p.under, file).toBe(p.child)
    await page.close()
  }, 90_000)
})

/** In the page: the SVGs against their boxes, the ticker's lines against its box, and what lies under each pulse (design px). */
function shownFit() {
  const wall = document.querySelector('.wall') as HTMLElement
  const scale = wall.getBoundingClientRect().width / wall.offsetWidth
  const svgs = [...document.querySelectorAll('svg.svg, svg.ring, svg.rings')].map((s) => {
    const a = s.getBoundingClientRect()
    const b = s.parentElement!.getBoundingClientRect()
    return { name: s.getAttribute('class') ?? '', width: a.width / scale, height: a.height / scale, boxWidth: b.width / scale, boxHeight: b.height / scale }
  })
  const wrap = document.querySelector('[data-testid="ticker"]')!
  const lines = [...wrap.querySelectorAll('li')].map((li) => li.getBoundingClientRect())
  const pulses = [...document.querySelectorAll<HTMLElement>('.pulse')].map((p) => {
    const r = p.getBoundingClientRect()
    const under = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2).find((e) => e.matches('path[data-region]'))
    return { child: p.dataset.child, under: under?.getAttribute('data-region') }
  })
  return {
    svgs,
    ticker: { lines: lines.length, lastBottom: lines.at(-1)?.bottom ?? 0, boxBottom: wrap.getBoundingClientRect().bottom, shortest: Math.min(...lines.map((l) => l.height / scale)) },
    pulses,
  }
}
