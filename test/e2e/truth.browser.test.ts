/**
 * Figures a duty officer can trust, in Chromium against a real server: no ±100 pp arrow on one
 * request, no blank panel on a quiet region, the data's age from the last event (across a restart),
 * one untruncated alert per burst, acknowledged on one wall and gone from another.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Alert } from '../../shared/alerts.ts'
import type { IngestEvent, RequestCreated } from '../../shared/events.ts'
import { dayIndex, dayToDate, DAY_MS, HOUR_MS, MINUTE_MS, startOfDay } from '../../shared/time-windows.ts'
import { alertText } from '../../shared/alert-text.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { getJson, ingest, launchChromium, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'

const tree = loadRegionPack('2103')
const communities = tree.nodes.filter((n) => n.level === 'community')
/** One community for the briefing, one quiet today, one for the burst, in different districts. */
const ONE = communities.find((c) => c.code.startsWith('210302'))!
const QUIET = communities.find((c) => c.code.startsWith('210303'))!
const BURST = communities.find((c) => c.code.startsWith('210304'))!

let srv: TestServer
let browser: Browser
const today = startOfDay(Date.now())
const yesterday = dayToDate(dayIndex(Date.now()) - 1)

let seq = 0
const created = (region: string, at: number, extra: Partial<Record<string, unknown>> = {}): RequestCreated =>
  ({
    id: `t-${++seq}.0`,
    type: 'request.created',
    at: new Date(at).toISOString(),
    requestId: `t-${seq}`,
    region,
    category: '供暖',
    channel: 'hotline',
    urgency: 'normal',
    summary: `${region}居民反映暖气不热，联系电话1390000${String(1000 + seq)}。`,
    ...extra,
  }) as RequestCreated
const completed = (requestId: string, at: number): IngestEvent => ({ id: `${requestId}.9`, type: 'request.completed', at: new Date(at).toISOString(), requestId }) as IngestEvent

beforeAll(async () => {
  requireBuiltClient()
  srv = await startTestServer({ tickMs: 250 })
  // ONE: one request the day before yesterday (open), one yesterday (completed): 0% → 100% on one case each.
  const before = created(ONE.code, today - 2 * DAY_MS + 10 * HOUR_MS)
  const one = created(ONE.code, today - DAY_MS + 10 * HOUR_MS)
  // QUIET: three requests yesterday, none today.
  const quiet = [9, 11, 15].map((h) => created(QUIET.code, today - DAY_MS + h * HOUR_MS, { category: '供水', channel: 'app' }))
  await ingest(srv.url, [before, one, completed(one.requestId, today - DAY_MS + 11 * HOUR_MS), ...quiet])
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await srv?.dispose()
})

const wall = async (code: string): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await page.goto(`${srv.url}/wall/${code}`)
  await page.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])', { timeout: 15_000 })
  return page
}
const dataAge = async (page: Page): Promise<number> => Number(await page.getByTestId('data-age').getAttribute('data-age-ms'))

describe('a community briefing with one request', () => {
  it('shows 样本不足 and no ±100 pp arrow, and does not name the community as its own hotspot', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/briefing/${ONE.code}?date=${yesterday}`)
    await expect.poll(() => page.getByTestId('page-indicator').textContent(), { timeout: 20_000 }).toBe('1 / 7')
    for (const key of ['completionRate', 'onTimeRate', 'directAnswerRate']) {
      const card = page.locator(`[data-figure="${key}"]`)
      expect(await card.locator('.value').textContent()).toContain('样本不足')
      expect(await card.getByTestId('sample').textContent()).toBe('样本1')
      const changes = (await card.locator('.change').allTextContents()).join(' ')
      expect(changes).not.toMatch(/[▲▼]/)
      expect(changes).not.toContain('100.0')
    }
    const summary = (await page.getByTestId('briefing-summary').textContent()) ?? ''
    expect(summary).toContain('办结率样本不足（样本1）')
    expect(summary).not.toContain('诉求最多的社区')
    await page.close()
  })
})

describe('a wall for a region with no requests today', () => {
  it('has no empty panel, a full ticker on load, and a data age that grows and survives a restart', async () => {
    const page = await wall(QUIET.code)
    // The ticker holds the region's last requests right after load, masked.
    await expect.poll(() => page.locator('[data-testid="ticker"] .item').count(), { timeout: 10_000 }).toBe(3)
    expect(await page.getByTestId('ticker').textContent()).not.toMatch(/1390000\d{4}/)
    // Shares fall back to yesterday, labelled.
    expect(await page.getByTestId('categories-window').textContent()).toBe('昨日')
    expect(await page.getByTestId('channels-window').textContent()).toBe('昨日')
    // Every panel shows something: text, or a drawing.
    const empty = await page.evaluate(() =>
      [...document.querySelectorAll('.panel')]
        .filter((p) => {
          const body = p.querySelector('.panel-body')!
          return !body.textContent?.trim() && !body.querySelector('canvas, svg circle, svg path, svg rect')
        })
        .map((p) => p.querySelector('.panel-title')?.textContent),
    )
    expect(empty).toEqual([])
    // The feed is silent: the data's age (from the last ingest) grows while the server is up.
    const first = await dataAge(page)
    expect(first).toBeGreaterThan(0)
    await expect.poll(() => dataAge(page), { timeout: 10_000 }).toBeGreaterThan(first + 2000)
    expect(await page.getByTestId('feed-status').getAttribute('data-status')).toBe('live')
    // After a restart the age is still the last event's, not the restart's.
    const beforeRestart = await dataAge(page)
    await srv.restart()
    await expect.poll(() => page.getByTestId('feed-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('live')
    const after = await dataAge(page)
    expect(after).toBeGreaterThanOrEqual(beforeRestart)
    const reloaded = await wall(QUIET.code)
    expect(await dataAge(reloaded)).toBeGreaterThanOrEqual(beforeRestart)
    await reloaded.close()
    await page.close()
    // Its waits alone (ticker, age, restart) may take 40 s on a loaded machine.
  }, 90_000)
})

describe('a burst in one community', () => {
  it('raises one untruncated alert on the city wall; acknowledged on one wall, it leaves the other and stays so after a restart', async () => {
    const now = Date.now()
    await ingest(srv.url, Array.from({ length: 14 }, (_, i) => created(BURST.code, now - (14 - i) * 2 * MINUTE_MS)))
    const alerts = await getJson<Alert[]>(`${srv.url}/api/v1/regions/2103/alerts`)
    expect(alerts.filter((a) => a.kind === 'surge')).toHaveLength(1)
    const [surge] = alerts
    expect(surge.region).toBe(BURST.code)
    expect(surge.kind === 'surge' && surge.params.place).toContain(BURST.name)
    const worded = alertText(surge, 'zh-CN')

    const a = await wall('2103')
    const b = await wall('2103')
    for (const page of [a, b]) {
      await expect.poll(() => page.locator('[data-testid="alerts"] .alert').count(), { timeout: 10_000 }).toBe(1)
      const msg = page.locator('[data-testid="alerts"] .alert .msg')
      expect(await msg.textContent()).toBe(worded)
      // Whole: nothing cut by an ellipsis or a clipped box.
      expect(await msg.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1)).toBe(true)
    }
    await a.getByTestId('alert-ack').click()
    await expect.poll(() => b.locator('[data-testid="alerts"] .alert').count(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => a.locator('[data-testid="alerts"] .alert').count(), { timeout: 10_000 }).toBe(0)

    await srv.restart()
    const after = await getJson<Alert[]>(`${srv.url}/api/v1/regions/2103/alerts`)
    expect(after.find((x) => x.id === surge.id)?.ackedAt).toBeGreaterThan(0)
    const c = await wall('2103')
    // The ticker and the alerts come with the region's load and render in the same tick.
    await expect.poll(() => c.locator('[data-testid="ticker"] .item').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await c.locator('[data-testid="alerts"] .alert').count()).toBe(0)
    for (const page of [a, b, c]) await page.close()
  }, 90_000)
})
