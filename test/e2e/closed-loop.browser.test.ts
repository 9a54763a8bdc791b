/** The closed-loop panels in Chromium: the city wall shows 承办单位, 工单阶段 and 诉求热词 with the API's figures; a district wall its own. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DepartmentRanking } from '../../shared/department-types.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { createFeeder, getJson, launchChromium, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'

let srv: TestServer
let browser: Browser

beforeAll(async () => {
  requireBuiltClient()
  srv = await startTestServer({ tickMs: 250 })
  await createFeeder(srv.url, { days: 2 }).catchUp()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await srv?.dispose()
})

const snapshot = (code: string) => getJson<Snapshot>(`${srv.url}/api/v1/regions/${code}/snapshot`)
const ranking = (code: string) => getJson<DepartmentRanking>(`${srv.url}/api/v1/regions/${code}/departments?window=month`)

/** What the page shows: departments (name → measure value, overdue), stage and flow cells, words. */
const shown = (page: Page, measure: string) =>
  page.evaluate((m) => {
    const depts = [...document.querySelectorAll('[data-testid="departments"] [data-dept]')].map((li) => [
      li.getAttribute('data-dept'),
      li.querySelector(`[data-kpi="dept.${m}"]`)?.getAttribute('data-value'),
      li.querySelector('[data-kpi="dept.overdue"]')?.getAttribute('data-value'),
    ])
    const cells = Object.fromEntries([...document.querySelectorAll('[data-kpi^="stage."], [data-kpi^="flow."]')].map((e) => [e.getAttribute('data-kpi'), e.getAttribute('data-value')]))
    const words = [...document.querySelectorAll('[data-testid="hot-words"] [data-word]')].map((e) => `${e.getAttribute('data-word')}:${e.getAttribute('data-count')}`)
    return { depts, cells, words }
  }, measure)

/** What the API says the page should show (departments as the API's month ranking has them). */
async function expected(code: string, measure: 'onTimeRate' | 'returnRate', names: string[]) {
  const [snap, rank] = await Promise.all([snapshot(code), ranking(code)])
  const loop = snap.closedLoop!
  const byName = new Map(rank.rows.map((r) => [r.name, r]))
  const depts = names.map((n) => {
    const r = byName.get(n)
    return [n, r ? String(r[measure].value ?? '') : 'missing', r ? String(r.overdue) : 'missing']
  })
  const cells: Record<string, string> = {}
  for (const [stage, bands] of Object.entries(loop.stages)) for (const [band, n] of Object.entries(bands)) cells[`stage.${stage}.${band}`] = String(n)
  for (const day of ['today', 'yesterday'] as const) for (const [step, n] of Object.entries(loop.flow[day])) cells[`flow.${day}.${step}`] = String(n)
  const snapNames = new Set(loop.departments.rows.map((r) => r.name))
  return { depts, cells, words: loop.hotWords, inSnapshot: names.every((n) => snapNames.has(n)) }
}

async function expectApiFigures(page: Page, code: string, measure: 'onTimeRate' | 'returnRate') {
  await expect
    .poll(
      async () => {
        const s = await shown(page, measure)
        const e = await expected(code, measure, s.depts.map((d) => d[0]!))
        const diff: string[] = []
        // The cloud shows the heaviest word and then what fits, in the API's order: a subsequence of its list.
        const all = (e.words?.day ?? []).map((w) => `${w.word}:${w.count}`)
        const words = all.filter((w) => s.words.includes(w))
        if (s.words[0] !== all[0]) diff.push(`heaviest word ${all[0]} not shown first`)
        s.depts.forEach((d, i) => JSON.stringify(d) !== JSON.stringify(e.depts[i]) && diff.push(`dept ${JSON.stringify(d)} ≠ ${JSON.stringify(e.depts[i])}`))
        for (const k of new Set([...Object.keys(s.cells), ...Object.keys(e.cells)])) if (s.cells[k] !== e.cells[k]) diff.push(`${k}: ${s.cells[k]} ≠ ${e.cells[k]}`)
        if (JSON.stringify(s.words) !== JSON.stringify(words)) diff.push(`words ${s.words.join(' ')} ≠ ${words.join(' ')}`)
        if (!e.inSnapshot) diff.push('a shown department is not in the snapshot')
        return diff
      },
      { timeout: 15_000, interval: 500 },
    )
    .toEqual([])
}

describe('the closed-loop panels', () => {
  it('show on the city wall with the figures of the API, the measure switchable', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/2103`)
    await page.waitForSelector('[data-testid="departments"] [data-dept]')
    await page.waitForSelector('[data-testid="hot-words"] [data-word]')
    expect(await page.locator('[data-testid="departments"] [data-dept]').count()).toBeGreaterThanOrEqual(3)
    await expectApiFigures(page, '2103', 'onTimeRate')
    await page.click('[data-measure="returnRate"]')
    await expectApiFigures(page, '2103', 'returnRate')
    // The stage board is not empty: the simulated city has open requests.
    const open = await page.$$eval('[data-kpi^="stage."]', (els) => els.reduce((n, e) => n + Number(e.getAttribute('data-value')), 0))
    expect(open).toBeGreaterThan(0)
    await page.close()
  })

  it('show a district wall its own departments, stages and words only', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${srv.url}/wall/210302`)
    await page.waitForSelector('[data-testid="departments"] [data-dept]')
    await expectApiFigures(page, '210302', 'onTimeRate')
    const [city, district] = await Promise.all([snapshot('2103'), snapshot('210302')])
    const total = (s: Snapshot) => Object.values(s.closedLoop!.stages).reduce((n, b) => n + b.lt1h + b.lt24h + b.lt3d + b.older, 0)
    expect(total(district)).toBeLessThan(total(city))
    const shownTotal = await page.$$eval('[data-kpi^="stage."]', (els) => els.reduce((n, e) => n + Number(e.getAttribute('data-value')), 0))
    expect(shownTotal).toBe(total(district))
    await page.close()
  })
})
