import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { hourlySeries } from '../../client/charts/hourly-trend.ts'
import { DAILY_POINTS } from '../../client/charts/daily-trend.ts'
import { niceAxis, plotKey, seriesMax } from '../../client/charts/value-axis.ts'
import { shortDate } from '../../client/format/time.ts'
import { expectNoCspViolation } from './csp-check.ts'
import { workerCharts } from './worker-charts.ts'
import { createFeeder, fontWarmedUp, getJson, kpiDiff, launchChromium, pageKpis, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'

let srv: TestServer
let browser: Browser
let feeder: ReturnType<typeof createFeeder>

const snapshot = (code: string) => getJson<Snapshot>(`${srv.url}/api/v1/regions/${code}/snapshot`)
const firstData = (page: Page) => page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])', { timeout: 10_000 })

/** Polls until the page shows exactly the server's figures for `code`. */
async function expectServerFigures(page: Page, code: string) {
  await expect
    .poll(async () => kpiDiff(await pageKpis(page), await snapshot(code)), { timeout: 10_000, interval: 250 })
    .toEqual([])
}

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

describe('the wall in Chromium', () => {
  it('shows exactly the server numbers, and follows new events', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/`)
    await firstData(page)
    // Not measured unless asked: no mark, no global for the benchmarks.
    expect(await page.evaluate(() => [performance.getEntriesByType('mark').length, '__yiwangRenderStats' in window])).toEqual([0, false])
    expect(new URL(page.url()).pathname).toBe('/wall/2103')
    await expectServerFigures(page, '2103')

    const before = Number(await page.getAttribute('[data-kpi="accepted.today"]', 'data-value'))
    await feeder.burst(5, 'follow')
    await expect.poll(() => page.getAttribute('[data-kpi="accepted.today"]', 'data-value'), { timeout: 5000 }).toBe(String(before + 5))
    await expectServerFigures(page, '2103')
    await expect.poll(() => page.locator('[data-testid="ticker"] li').count(), { timeout: 5000 }).toBeGreaterThan(0)
    // The map labels follow too: each child's accepted-today count (the default measure).
    const mapValues = () =>
      page.$$eval('[data-testid="map-labels"] [data-code]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-code'), e.querySelector('.value')?.textContent?.replace(/\D/g, '')])))
    const serverValues = async () => Object.fromEntries((await snapshot('2103')).children.map((c) => [c.code, String(c.acceptedToday)]))
    await expect.poll(async () => [await mapValues(), await serverValues()].map((v) => JSON.stringify(v)).reduce((a, b) => (a === b ? 'same' : `${a} ≠ ${b}`)), { timeout: 5000 }).toBe('same')
    await page.close()
  })

  it('draws the live trend charts in a worker, with the server\'s figures', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    // Measured (?trace=1): the worker shows its charts to the test, and the wall marks its first figures.
    await page.goto(`${srv.url}/wall/2103?trace=1`)
    await firstData(page)
    // How soon the first figures come is a benchmark's to say (`bench/wall/first-data.ts`), not a
    // timed test's on a shared CI machine.
    expect(await page.evaluate(() => performance.getEntriesByName('yiwang:first-data').length)).toBe(1)
    // The page's canvases were handed to the worker: the page itself can no longer draw on them.
    for (const name of ['hourly', 'daily']) {
      await page.waitForSelector(`[data-chart="${name}"] canvas`)
      expect(await page.$eval(`[data-chart="${name}"] canvas`, (c) => { try { (c as HTMLCanvasElement).getContext('2d'); return 'drawable' } catch (e) { return (e as Error).name } })).toBe('InvalidStateError')
    }
    // Each chart's picture (axis and every point to a fraction of a pixel) is the server's.
    const picture = (series: (number | null)[][]) => plotKey(niceAxis(seriesMax(series)), series)
    const drawn = async () => {
      const charts = Object.fromEntries((await workerCharts(page)).map((c) => [c.name, c]))
      const snap = await snapshot('2103')
      const days = { accepted: snap.daily.accepted.slice(-DAILY_POINTS), completed: snap.daily.completed.slice(-DAILY_POINTS) }
      return {
        hourly: charts.hourly ? picture(charts.hourly.series) === picture(hourlySeries(snap.hourly, snap.asOf)) : 'no chart',
        daily: charts.daily ? picture(charts.daily.series) === picture([days.accepted, days.completed]) : 'no chart',
        // Today, the day not over, is labelled so; the day before by its date.
        lastDay: charts.daily?.categories.at(-1) === '今日(进行中)' && snap.daily.dates.length > 5 && charts.daily?.categories.at(-6) === shortDate(snap.daily.dates.at(-6)!),
      }
    }
    const same = { hourly: true, daily: true, lastDay: true }
    await expect.poll(drawn, { timeout: 10_000, interval: 250 }).toEqual(same)
    // …and follows new requests.
    const before = (await workerCharts(page)).find((c) => c.name === 'hourly')!.series[0]
    await feeder.burst(40, 'chart')
    await expect.poll(async () => JSON.stringify((await workerCharts(page)).find((c) => c.name === 'hourly')!.series[0]), { timeout: 10_000 }).not.toBe(JSON.stringify(before))
    await expect.poll(drawn, { timeout: 10_000, interval: 250 }).toEqual(same)
    // Painted, at the on-screen pixel size, with the bundled font loaded in the worker.
    for (const c of await workerCharts(page)) {
      const box = await page.$eval(`[data-chart="${c.name}"]`, (el) => el.getBoundingClientRect().toJSON() as DOMRect)
      expect(Math.abs(c.canvas.width - box.width), c.name).toBeLessThanOrEqual(2)
      expect(Math.abs(c.canvas.height - box.height), c.name).toBeLessThanOrEqual(2)
      expect(c.paintedPixels, c.name).toBeGreaterThan(0.02 * c.canvas.width * c.canvas.height)
      expect(c.loadedFaces, c.name).toBeGreaterThan(0)
      expect(c.digitsFontLoaded, c.name).toBe(true)
    }
    // Moving between regions in the page keeps two charts in the worker: the old ones are disposed.
    for (let i = 0; i < 3; i++) {
      await page.locator('[data-testid="ranking"] li').first().dispatchEvent('click')
      await page.waitForURL(/\/wall\/2103\d\d\?trace=1$/)
      await expectServerFigures(page, new URL(page.url()).pathname.split('/').at(-1)!)
      // Esc goes up once the region's ancestry has arrived (the "up" button shows it).
      await page.waitForSelector('[data-testid="go-up"]')
      await page.keyboard.press('Escape')
      await page.waitForURL(/\/wall\/2103\?trace=1$/)
      await expectServerFigures(page, '2103')
    }
    await expect.poll(async () => (await workerCharts(page)).map((c) => c.name).sort(), { timeout: 5000 }).toEqual(['daily', 'hourly'])
    await page.close()
  }, 90_000)

  it('draws the trend charts on the page when the chart worker cannot start', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    const errors: string[] = []
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
    await page.route(/\/assets\/chart-worker-[^/]+\.js$/, (r) => r.abort())
    await page.goto(`${srv.url}/wall/2103`)
    await firstData(page)
    // Each trend panel ends up with an ECharts canvas drawn on the page, and none left for the worker.
    const pageCharts = () => page.$$eval('.wall-chart', (els) => els.filter((e) => e.querySelector('canvas')).length)
    await expect.poll(pageCharts, { timeout: 10_000 }).toBe(2)
    expect(await page.locator('[data-chart]').count()).toBe(0)
    expect(errors.filter((e) => e.includes('chart worker failed'))).toHaveLength(1)
    await expectServerFigures(page, '2103')
    await page.close()
  })

  it('loads the rest of the bundled font at idle, so new ticker text loads nothing later', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/2103`)
    await firstData(page)
    const faces = () => page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC').map((f) => f.status))
    expect((await faces()).filter((s) => s === 'unloaded').length).toBeGreaterThan(50)
    // The warm-up starts 10 s after load and loads a batch at each idle moment.
    await fontWarmedUp(page, 40_000)
    const statuses = await faces()
    expect(statuses.length).toBeGreaterThan(150)
    expect(statuses.every((s) => s === 'loaded')).toBe(true)

    const fontRequests: string[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('.woff2')) fontRequests.push(r.url())
    })
    const firstLine = () => page.evaluate(() => document.querySelector('[data-testid="ticker"] li')?.textContent ?? null)
    const before = await firstLine()
    await feeder.burst(8, 'warm')
    await expect.poll(firstLine, { timeout: 5000 }).not.toBe(before)
    await page.waitForTimeout(1000)
    expect(fontRequests).toEqual([])
    await page.close()
  }, 60_000)

  it('drills down when a district is clicked on the map, and back up with Esc', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/2103?lang=en`)
    await firstData(page)
    // 海城市 is large: the point under its label is inside its boundary.
    const label = page.locator('[data-testid="map-labels"] [data-code="210381"]')
    await label.waitFor()
    const box = (await label.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await page.waitForURL(/\/wall\/210381\?lang=en$/)
    await expectServerFigures(page, '210381')
    // In English the region names are pinyin.
    expect(await page.textContent('[data-testid="breadcrumb"]')).toContain('Haicheng')

    await page.keyboard.press('Escape')
    await page.waitForURL(/\/wall\/2103\?lang=en$/)
    await expectServerFigures(page, '2103')
    await page.close()
  })

  it('goes back up with Esc at once after a drill-down, before the region\'s details arrive', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/2103`)
    await firstData(page)
    // A district's details (name, ancestry) are held back until the test ends: going up must not
    // wait for them, and the limits below can leave room for a loaded machine.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/api\/v1\/regions\/2103\d\d$/, async (r) => {
      await held
      await r.continue().catch(() => undefined)
    })
    await page.locator('[data-testid="ranking"] li').first().dispatchEvent('click')
    await page.waitForURL(/\/wall\/2103\d\d$/, { timeout: 10_000 })
    await page.waitForSelector('[data-testid="go-up"]', { timeout: 10_000 })
    await page.keyboard.press('Escape')
    await page.waitForURL(/\/wall\/2103$/, { timeout: 10_000 })
    await expectServerFigures(page, '2103')
    release()
    await page.close()
  }, 60_000)

  it('goes schematic below the district level, labelled 示意', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/210381`)
    await firstData(page)
    const street = page.locator('[data-testid="ranking"] li').first()
    const code = await street.getAttribute('data-code')
    // The ranking scrolls (never "stable" for a pointer click), so the click is dispatched.
    await street.dispatchEvent('click')
    await page.waitForURL(new RegExp(`/wall/${code}$`))
    await page.waitForSelector('[data-testid="schematic"]')
    expect(await page.textContent('[data-testid="schematic"]')).toBe('示意')
    await expectServerFigures(page, code!)
    await page.close()
  })

  it('tours the children with ?tour=', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${srv.url}/wall/2103?tour=5`)
    await firstData(page)
    await page.waitForURL(/\/wall\/210302\?tour=5&base=2103&stop=1$/, { timeout: 12_000 })
    await expectServerFigures(page, '210302')
    await page.close()
  }, 45_000)

  it('breaks no rule of the Content Security Policy on any page so far, chart worker included', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/2103`)
    await firstData(page)
    await expectNoCspViolation(page, srv.url)
    await page.close()
  })

  it('shows the stale banner when the server stops and recovers without reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/2103`)
    await firstData(page)
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42))
    const shown = await pageKpis(page)

    await srv.stop()
    await page.waitForSelector('[data-testid="stale-banner"]', { timeout: 8000 })
    expect(await page.textContent('[data-testid="stale-banner"]')).toMatch(/前的数据/)
    expect(await page.getAttribute('[data-testid="feed-status"]', 'data-status')).toBe('offline')
    expect(await pageKpis(page)).toEqual(shown)

    await srv.restart()
    await page.waitForSelector('[data-testid="stale-banner"]', { state: 'detached', timeout: 15_000 })
    expect(await page.getAttribute('[data-testid="feed-status"]', 'data-status')).toBe('live')
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42)
    await feeder.burst(2, 'after-restart')
    await expectServerFigures(page, '2103')
    await page.close()
  }, 60_000)
})
