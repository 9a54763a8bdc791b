/**
 * Briefing benchmark: `NODE_OPTIONS=--max-old-space-size=12288 npx tsx bench/briefing.ts` (env DAYS, VOLUME, CALLS, PDF=0 to skip Chromium).
 * Liaoning (REGION_ROOT=21) fed a simulated year straight into the engine, then the p99 of the
 * briefing data for the root over varied dates, and the PDF export time in Chromium.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Download } from 'playwright-core'
import { DAY_MS, dayIndex, dayToDate, startOfDay } from '../shared/time-windows.ts'
import { createSimulator } from '../mock/simulator.ts'
import { createBriefingService, isBriefingError } from '../server/briefing/briefing-service.ts'
import { startServer } from '../server/main.ts'

const DAYS = Number(process.env.DAYS ?? 365)
const VOLUME = Number(process.env.VOLUME ?? 3000)
const CALLS = Number(process.env.CALLS ?? 300)
const CLIENT_DIR = resolve('dist/client')

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}
const stats = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms · p95 ${pct(xs, 95).toFixed(2)} ms · p99 ${pct(xs, 99).toFixed(2)} ms · max ${Math.max(...xs).toFixed(2)} ms (n=${xs.length})`

const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-bench-briefing-'))
// A private copy of the built client: the static files are listed at start, and dist/ may be rebuilt meanwhile.
const clientDir = join(dataDir, 'client')
if (existsSync(join(CLIENT_DIR, 'index.html'))) cpSync(CLIENT_DIR, clientDir, { recursive: true })
const server = await startServer({
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  REGION_ROOT: '21',
  INGEST_TOKEN: 'bench',
  CLIENT_DIR: clientDir,
  CHECKPOINT_SECONDS: '999999',
  // The benchmark feeds and queries the engine in the server's own process, blocking its event
  // loop on purpose: the overload guard would answer the browser 503 after each such block.
  EVENT_LOOP_MAX_MS: '600000',
})
const engine = server.engine
const now = Date.now()
const today = dayIndex(now)
console.log(`Liaoning: ${engine.tree.size.toLocaleString()} regions; simulating ${DAYS} days at ${VOLUME.toLocaleString()} valid requests/day`)

// Straight into the engine: the ingest path is benchmarked elsewhere.
const sim = createSimulator({ tree: engine.tree, seed: 2026, from: startOfDay(now) - DAYS * DAY_MS, gridFrom: startOfDay(now) - DAY_MS, dailyVolume: VOLUME, idPrefix: 'bench' })
let events = 0
let t0 = performance.now()
for (;;) {
  const batch = sim.take(now, 20_000)
  if (!batch.length) break
  engine.applyCommitted(batch)
  events += batch.length
  if (events % 1_000_000 < 20_000) console.log(`  ${(events / 1e6).toFixed(1)} M events, ${((performance.now() - t0) / 1000).toFixed(0)} s`)
}
engine.tick()
console.log(`fed ${events.toLocaleString()} events, ${engine.agg.requests.size.toLocaleString()} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s; rss ${(process.memoryUsage().rss / 1e9).toFixed(1)} GB`)

const service = createBriefingService(engine, { cacheSize: 0 })
const cached = createBriefingService(engine)
const root = engine.tree.indexOf('21')
const yesterday = dayToDate(today - 1)
t0 = performance.now()
const first = service.get(root, yesterday)
console.log(`first call (builds the 督办 index): ${(performance.now() - t0).toFixed(1)} ms`)
if (isBriefingError(first)) throw new Error(first.error)
console.log(`  ${yesterday}: accepted ${first.day.accepted}, open ${first.day.open}, overdue ${first.day.overdue} (listed ${first.overdue.items.length})`)

let seed = 7
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
const dates = Array.from({ length: CALLS }, (_, i) => dayToDate(i % 4 === 0 ? today - 1 : today - 1 - Math.floor(rnd() * 398)))
const times: number[] = []
for (const d of dates) {
  const a = performance.now()
  const b = service.get(root, d)
  times.push(performance.now() - a)
  if (isBriefingError(b)) throw new Error(b.error)
}
console.log(`briefing data, root 21, ${CALLS} calls over varied dates (no cache): ${stats(times)}`)
const hits: number[] = []
for (const d of dates) {
  const a = performance.now()
  cached.get(root, d)
  hits.push(performance.now() - a)
}
console.log(`  same calls through the service cache (repeats hit): ${stats(hits)}`)
const district = engine.tree.indexOf('210102')
const community = engine.tree.indexOf(sim.city.communities[0].code)
for (const [name, i] of [['district 210102', district], ['a community', community]] as const) {
  const xs: number[] = []
  for (const d of dates.slice(0, 100)) {
    const a = performance.now()
    service.get(i, d)
    xs.push(performance.now() - a)
  }
  console.log(`  ${name}: ${stats(xs)}`)
}

// Live: a new request arrives between calls (the root version changes every time).
const live: number[] = []
for (let i = 0; i < 100; i++) {
  const at = new Date(now - 60_000).toISOString()
  engine.applyCommitted([{ id: `live-${i}`, type: 'request.created', at, requestId: `live-${i}`, region: sim.city.communities[i].code, category: '供暖', channel: 'hotline', urgency: 'normal' }])
  const a = performance.now()
  service.get(root, dates[i])
  live.push(performance.now() - a)
}
console.log(`briefing data while ingesting (a new request before each call, no cache): ${stats(live)}`)

const http: number[] = []
for (const d of dates.slice(0, 60)) {
  const a = performance.now()
  const res = await fetch(`${server.url}/api/v1/regions/21/briefing?date=${d}`)
  await res.arrayBuffer()
  http.push(performance.now() - a)
}
console.log(`HTTP GET /api/v1/regions/21/briefing (JSON included): ${stats(http)}`)

if (process.env.PDF !== '0' && existsSync(join(clientDir, 'index.html'))) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })
  page.on('console', (m) => m.type() === 'error' && console.log(`  [browser] ${m.text()}`))
  page.on('pageerror', (e) => console.log(`  [browser] ${e.message}`))
  const t1 = performance.now()
  await page.goto(`${server.url}/briefing/21?date=${yesterday}`)
  try {
    await page.getByTestId('page-indicator').waitFor({ timeout: 120_000 })
  } catch (e) {
    console.log(`  page did not show: ${await page.locator('body').innerText()}`)
    throw e
  }
  console.log(`briefing page shown in ${((performance.now() - t1) / 1000).toFixed(1)} s`)
  await page.waitForTimeout(3000)
  // Export all: both PDFs and a PNG per page.
  const pages = await page.locator('.toolbar .dots i').count()
  for (const [id, want] of [['export-pdf169', 1], ['export-pdfa4', 1], ['export-all', 2 + pages]] as const) {
    const got: Download[] = []
    const onDownload = (d: Download) => got.push(d)
    page.on('download', onDownload)
    const a = performance.now()
    await page.getByTestId(id).click()
    while (got.length < want) await page.waitForTimeout(50)
    await Promise.all(got.map((d) => d.path()))
    const ms = performance.now() - a
    page.off('download', onDownload)
    const inPage = await page.getByTestId('export-status').getAttribute('data-export-ms')
    const capture = await page.getByTestId('export-status').getAttribute('data-capture-ms')
    console.log(`${id}: ${(ms / 1000).toFixed(2)} s click to files saved (in page ${inPage} ms, of which page capture ${capture} ms)`)
  }
  await browser.close()
}
rmSync(dataDir, { recursive: true, force: true })
// Skip the close-time checkpoint of a year of data: nothing here needs keeping.
process.exit(0)
