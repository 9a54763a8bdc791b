import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import type { Browser, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefingSummary } from '../../shared/briefing-summary.ts'
import type { Briefing } from '../../shared/briefing-types.ts'
import { DAY_MS, dayIndex, dayToDate, startOfDay } from '../../shared/time-windows.ts'
import { createSimulator } from '../../mock/simulator.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { expectNoCspViolation } from './csp-check.ts'
import type { DepartmentRanking } from '../../shared/department-types.ts'
import { byDepartment, redBlack } from '../../client/format/department-briefing.ts'
import { getJson, ingest, launchChromium, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'

const PAGES = 7
/** Set to a folder to keep screenshots and exported files for a look. */
const SHOTS = process.env.BRIEFING_SHOTS
let srv: TestServer
let browser: Browser
let page: Page
let date: string

beforeAll(async () => {
  requireBuiltClient()
  if (SHOTS) mkdirSync(SHOTS, { recursive: true })
  srv = await startTestServer()
  // Nine simulated days of 鞍山市, so yesterday has its day before and its same weekday a week earlier;
  // grid workers from yesterday on.
  const now = Date.now()
  const sim = createSimulator({ tree: loadRegionPack('2103'), seed: 5, from: startOfDay(now) - 9 * DAY_MS, gridFrom: startOfDay(now) - DAY_MS })
  for (let batch = sim.take(now, 5000); batch.length; batch = sim.take(now, 5000)) await ingest(srv.url, batch)
  date = dayToDate(dayIndex(Date.now()) - 1)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await srv?.dispose()
})

const indicator = () => page.getByTestId('page-indicator')

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)]
}

/** Page objects of a PDF (`/Type /Page`, not `/Pages`). */
const pdfPages = (bytes: Buffer): number => (bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length

describe('briefing in the browser', () => {
  it('shows the day of the API with its summary, and pages with the keyboard', async () => {
    const data = await getJson<Briefing>(`${srv.url}/api/v1/regions/2103/briefing?date=${date}`)
    expect(data.day.accepted).toBeGreaterThan(500)
    await page.goto(`${srv.url}/briefing/2103?date=${date}`)
    await expect.poll(() => indicator().textContent(), { timeout: 20_000 }).toBe(`1 / ${PAGES}`)
    const summary = await page.getByTestId('briefing-summary').locator('p').allTextContents()
    expect(summary).toEqual(briefingSummary(data, 'zh-CN'))
    expect(await page.locator('[data-figure="accepted"] .value').textContent()).toContain(data.day.accepted.toLocaleString('en-US'))
    // 未办结关闭 beside 办结率, as the API counts it (the simulated city closes ~1.4% without 办结).
    expect(data.day.closedUnresolved).toBeGreaterThan(0)
    expect(await page.locator('[data-figure="completionRate"] [data-testid="closed-unresolved"]').textContent()).toBe(`未办结关闭${data.day.closedUnresolved.toLocaleString('en-US')}件`)
    for (let k = 2; k <= PAGES; k++) {
      await page.keyboard.press(k % 2 ? 'ArrowRight' : 'PageDown')
      await expect.poll(() => indicator().textContent()).toBe(`${k} / ${PAGES}`)
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/screen-${k}.png` })
    }
    expect(Number(await page.locator('.grid .card .value').nth(2).textContent().then((t) => t!.replace('%', '')))).toBeCloseTo(
      data.grid.total.patrolCoverage! * 100,
      1,
    )
    expect(data.grid.total.patrols).toBeGreaterThan(1000)
    await page.keyboard.press('ArrowRight')
    expect(await indicator().textContent()).toBe(`${PAGES} / ${PAGES}`)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => indicator().textContent()).toBe(`${PAGES - 1} / ${PAGES}`)
    await page.keyboard.press('Home')
    await expect.poll(() => indicator().textContent()).toBe(`1 / ${PAGES}`)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/screen-1.png` })
  })

  it('exports two PDFs with a page per slide and a 1920×1080 PNG per slide', async () => {
    const downloads: Download[] = []
    page.on('download', (d) => downloads.push(d))
    const t0 = performance.now()
    await page.getByTestId('export-all').click()
    await expect.poll(() => downloads.length, { timeout: 90_000, interval: 200 }).toBe(2 + PAGES)
    const paths = await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await d.path()] as const))
    const seconds = (performance.now() - t0) / 1000
    console.log(`export of ${PAGES} pages (2 PDFs + ${PAGES} PNGs): ${seconds.toFixed(1)} s; ${await page.getByTestId('export-status').textContent()}`)
    const pdfs = paths.filter(([n]) => n.endsWith('.pdf'))
    const pngs = paths.filter(([n]) => n.endsWith('.png'))
    if (SHOTS) for (const [n, p] of paths) copyFileSync(p, `${SHOTS}/${n}`)
    expect(pdfs.map(([n]) => n).sort()).toEqual([`晨会简报-鞍山市-${date}-16x9.pdf`, `晨会简报-鞍山市-${date}-A4.pdf`])
    for (const [, p] of pdfs) expect(pdfPages(readFileSync(p))).toBe(PAGES)
    expect(pngs).toHaveLength(PAGES)
    for (const [, p] of pngs) expect(pngSize(readFileSync(p))).toEqual([1920, 1080])
    // The export goes back to the first slide once the last file is handed over.
    await expect.poll(() => indicator().textContent()).toBe(`1 / ${PAGES}`)
  }, 120_000)

  it.each(['2103', '210302'])('shows %s its 承办单位 page with the API’s figures, and exports it to PDF', async (code) => {
    const [data, week] = await Promise.all([
      getJson<Briefing>(`${srv.url}/api/v1/regions/${code}/briefing?date=${date}`),
      getJson<DepartmentRanking>(`${srv.url}/api/v1/regions/${code}/departments?window=7d&date=${date}`),
    ])
    await page.goto(`${srv.url}/briefing/${code}?date=${date}`)
    await expect.poll(() => indicator().textContent(), { timeout: 20_000 }).toBe(`1 / ${PAGES}`)
    // The department page comes after the 督办清单.
    for (let k = 2; k <= PAGES - 1; k++) await page.keyboard.press('ArrowRight')
    await expect.poll(() => indicator().textContent()).toBe(`${PAGES - 1} / ${PAGES}`)
    await page.waitForSelector('[data-testid="departments-slide"] [data-window="7d"] li')
    const { red, black } = redBlack(week.rows)
    expect(red.length).toBeGreaterThan(0)
    const shown = await page.$$eval('[data-window="7d"] li', (els) => els.map((e) => `${e.getAttribute('data-dept')}:${e.getAttribute('data-rate')}:${e.getAttribute('data-n')}`))
    expect(shown).toEqual([...red, ...black].map((r) => `${r.name}:${r.onTimeRate.value}:${r.onTimeRate.n}`))
    const groups = await page.$$eval('[data-testid="supervision-by-dept"] tr', (els) => els.map((e) => `${e.getAttribute('data-dept')}:${e.getAttribute('data-count')}`))
    expect(groups).toEqual(byDepartment(data.overdue.items).slice(0, 8).map((g) => `${g.department ?? ''}:${g.count}`))
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/departments-${code}.png` })
    const download = page.waitForEvent('download', { timeout: 90_000 })
    await page.getByTestId('export-pdf169').click()
    const pdf = await download
    expect(pdf.suggestedFilename()).toBe(`晨会简报-${data.region.name}-${date}-16x9.pdf`)
    expect(pdfPages(readFileSync((await pdf.path())!))).toBe(PAGES)
  }, 120_000)

  it('briefs a single community in English too', async () => {
    const code = '210302002001'
    const data = await getJson<Briefing>(`${srv.url}/api/v1/regions/${code}/briefing?date=${date}`)
    await page.goto(`${srv.url}/briefing/${code}?date=${date}&lang=en`)
    await expect.poll(() => indicator().textContent(), { timeout: 20_000 }).toBe(`1 / ${PAGES}`)
    expect(await page.getByTestId('briefing-summary').locator('p').allTextContents()).toEqual(briefingSummary(data, 'en'))
  })

  it('explains a date outside the kept history', async () => {
    await page.goto(`${srv.url}/briefing/2103?date=2020-01-01`)
    await expect.poll(() => page.getByTestId('briefing-message').textContent(), { timeout: 10_000 }).toContain('无法生成2020-01-01的简报')
  })

  it('breaks no rule of the Content Security Policy, exports included', async () => {
    await page.goto(`${srv.url}/briefing/2103?date=${date}`)
    await expect.poll(() => indicator().textContent(), { timeout: 20_000 }).toBe(`1 / ${PAGES}`)
    await expectNoCspViolation(page, srv.url)
  })
})
