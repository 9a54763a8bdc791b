import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeeder, launchChromium, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'
import { layoutProblems } from './layout-check.ts'
import { panelGeometry, mapLabelGeometry } from './wall-shape-check.ts'

let srv: TestServer
let browser: Browser
let feeder: ReturnType<typeof createFeeder>
let live: ReturnType<typeof setInterval>
let paused = false

beforeAll(async () => {
  requireBuiltClient()
  srv = await startTestServer()
  feeder = createFeeder(srv.url, { days: 2, locate: true })
  await feeder.catchUp()
  live = setInterval(() => void (paused ? undefined : feeder.burst(2).catch(() => undefined)), 1000)
  browser = await launchChromium()
})
afterAll(async () => {
  clearInterval(live)
  await browser?.close()
  await srv?.dispose()
})

/** Opens a wall page and waits until its figures, map labels and fonts are in. */
async function openWall(width: number, height: number, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } })
  page.setDefaultTimeout(60_000)
  await page.goto(`${srv.url}${path}`)
  await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])')
  await page.waitForSelector('[data-testid="map-labels"] [data-code]')
  await page.evaluate(() => document.fonts.ready)
  await page.waitForTimeout(1500)
  return page
}

/** Layout problems measured between pushes (no ticker line half-way in). */
async function settledProblems(page: Page): Promise<string[]> {
  paused = true
  await page.waitForTimeout(2000)
  const problems = await page.evaluate(layoutProblems)
  paused = false
  return problems
}

describe('spliced and portrait walls', () => {
  it.each([
    [5760, 1080, 3, 1, 24],
    [7680, 2160, 4, 2, 24],
  ])('%i×%i (%i×%i screens, %i px bezels): no panel on a seam, the map a screen wide, no text under 14 px', async (w, h, cols, rows, bezel) => {
    const page = await openWall(w, h, `/wall/2103?grid=${cols}x${rows}&bezel=${bezel}`)
    const g = await page.evaluate(panelGeometry, { cols, rows, bezel })
    expect(g.layout).toBe(`${cols}x${rows}`)
    expect(g.panels.length).toBeGreaterThanOrEqual(12)
    expect(g.onSeams).toEqual([])
    const screenW = w / cols
    // The map spans its screen between the bezels and the wall's edge padding.
    expect(g.map!.width).toBeGreaterThanOrEqual(screenW - bezel - 2 * 24)
    expect(g.smallText.filter((t) => t.px < 14)).toEqual([])
    expect(await settledProblems(page)).toEqual([])
    await page.close()
  }, 120_000)

  it('1080×1920 portrait: panels cover at least 85 % of the screen, no text under 12 px', async () => {
    const page = await openWall(1080, 1920, '/wall/2103')
    const g = await page.evaluate(panelGeometry, { cols: 1, rows: 1, bezel: 0 })
    expect(g.layout).toBe('portrait')
    expect(g.coverage).toBeGreaterThanOrEqual(0.85)
    expect(g.smallText.filter((t) => t.px < 12)).toEqual([])
    expect(await settledProblems(page)).toEqual([])
    await page.close()
  }, 120_000)

  it('?w=5760&h=1080 in a 1920 window shows the whole wall, scaled down', async () => {
    const page = await openWall(1920, 1080, '/wall/2103?w=5760&h=1080')
    const g = await page.evaluate(panelGeometry, { cols: 3, rows: 1, bezel: 0 })
    expect(g.layout).toBe('3x1')
    expect(g.canvas.left).toBeGreaterThanOrEqual(-1)
    expect(g.canvas.right).toBeLessThanOrEqual(1921)
    expect(g.canvas.width).toBeGreaterThan(1900)
    // Every panel is on screen.
    for (const p of g.panels) expect(p.right <= 1921 && p.left >= -1 && p.bottom <= 1081, p.name).toBe(true)
    await page.close()
  }, 120_000)
})

describe('the map', () => {
  it.each([
    ['2103', '鞍山市 (real boundaries)'],
    ['210381', '海城市 (schematic cells)'],
  ])('%s %s: labels in their regions, none overlapping or clipped; located requests as points', async (code) => {
    const page = await openWall(1920, 1080, `/wall/${code}`)
    await page.waitForSelector('[data-testid="map-points"] .point')
    const m = await page.evaluate(mapLabelGeometry)
    expect(m.labels.length).toBeGreaterThan(code === '2103' ? 6 : 20)
    expect(m.overlaps).toEqual([])
    expect(m.clipped).toEqual([])
    expect(m.outside).toEqual([])
    expect(m.points).toBeGreaterThan(0)
    await page.close()
  }, 120_000)
})

describe('the point layer after a reload', () => {
  it('a reloaded wall shows the day’s located requests from the server before any new one arrives', async () => {
    paused = true
    try {
      const page = await openWall(1920, 1080, '/wall/210302')
      // The live feed is held: whatever the layer shows after the reload came from the server's list.
      await page.waitForTimeout(1500)
      await page.reload()
      await page.waitForSelector('[data-testid="map-points"] .point')
      const shown = await page.evaluate(() => [...document.querySelectorAll('[data-testid="map-points"] .point')].reduce((n, p) => n + Number(p.getAttribute('data-count')), 0))
      const list = (await (await fetch(`${srv.url}/api/v1/regions/210302/points?date=today`)).json()) as { points: { state: string }[] }
      expect(list.points.length).toBeGreaterThan(0)
      expect(shown).toBe(list.points.length)
      const overdue = await page.evaluate(() => [...document.querySelectorAll('[data-testid="map-points"] .point')].reduce((n, p) => n + Number(p.getAttribute('data-overdue')), 0))
      expect(overdue).toBe(list.points.filter((p) => p.state === 'overdue').length)
      await page.close()
    } finally {
      paused = false
    }
  }, 120_000)
})

describe('operator', () => {
  it('the tour shows where it goes next; a click pauses it, idleness resumes it', async () => {
    const page = await openWall(1920, 1080, '/wall/2103?tour=30&idle=5')
    const tour = page.locator('[data-testid="tour"]')
    await tour.waitFor()
    expect(await tour.getAttribute('data-paused')).toBe('false')
    expect(await page.textContent('[data-testid="tour-countdown"]')).toMatch(/^\d+s$/)
    await page.mouse.click(960, 40)
    await page.waitForSelector('[data-testid="tour"][data-paused="true"]', { timeout: 2000 })
    await page.waitForSelector('[data-testid="tour"][data-paused="false"]', { timeout: 12_000 })
    await page.close()
  }, 120_000)

  it('a carousel stop on the briefing shows its page with the tour indicator, and moves on to the next stop', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    page.setDefaultTimeout(60_000)
    // Stops: the city's wall, then the briefing's pages.
    await page.goto(`${srv.url}/briefing/2103?tour=5&stops=city,briefing&stop=2&base=2103&slide=hot`)
    await page.getByTestId('tour').waitFor()
    expect(await page.getByTestId('page-indicator').textContent()).toBe('3 / 7')
    await page.waitForURL(/stop=3/, { timeout: 15_000 })
    await expect.poll(() => page.getByTestId('page-indicator').textContent(), { timeout: 10_000 }).toBe('4 / 7')
    await page.close()
  }, 120_000)

  it('Back follows history: a drill-down pushes, Esc replaces; a title zooms its panel, Esc unzooms', async () => {
    const page = await openWall(1920, 1080, '/wall/2103')
    const before = await page.$eval('[data-panel="ranking"]', (e) => e.getBoundingClientRect().width)
    await page.click('[data-panel="ranking"] .panel-title')
    await page.waitForURL(/zoom=ranking/)
    const zoomed = await page.$eval('[data-panel="ranking"]', (e) => e.getBoundingClientRect().width)
    expect(zoomed).toBeGreaterThan(before * 2)
    await page.keyboard.press('Escape')
    await page.waitForURL((u) => !u.search.includes('zoom'))
    // The ranking scrolls when it is long: a row is clicked where it is.
    await page.$eval('[data-panel="ranking"] [data-testid="ranking"] [data-code]', (e) => (e as HTMLElement).click())
    await page.waitForURL(/\/wall\/2103\d\d/)
    await page.keyboard.press('Escape')
    await page.waitForURL(/\/wall\/2103(\?|$)/)
    await page.goBack()
    await page.waitForTimeout(500)
    // Back from the district (left by Esc) is where the drill-down started, not the district again.
    expect(new URL(page.url()).pathname).toBe('/wall/2103')
    await page.close()
  }, 120_000)
})
