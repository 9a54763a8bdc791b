/** Shared pieces of the browser tests: the built client, an in-process server, events, Chromium. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { DAY_MS, startOfDay } from '../../shared/time-windows.ts'
import { createLocator } from '../../mock/locate.ts'
import { createSimulator } from '../../mock/simulator.ts'
import { CATEGORIES } from '../../shared/categories.ts'
import { CHANNELS, type IngestEvent } from '../../shared/events.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { sampleEnough, type RateName } from '../../shared/kpi/rate-samples.ts'
import { shownShift } from '../../client/charts/grid-shift.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { startServer, type RunningServer } from '../../server/main.ts'

/** Where `npm run build` puts the wall. */
export const CLIENT_DIR = resolve('dist/client')
export const INGEST_TOKEN = 'e2e-ingest-token'
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Fails with a clear message when the client has not been built. */
export function requireBuiltClient(): void {
  if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
    throw new Error(`${CLIENT_DIR}/index.html is missing: run \`npm run build\` before the browser tests`)
  }
}

/** A server on a free (or given) port with its own data folder. */
export interface TestServer {
  server: RunningServer
  url: string
  port: number
  dataDir: string
  stop(): Promise<void>
  /** Starts it again on the same port and data folder. */
  restart(): Promise<void>
  /** Stops it and removes the data folder. */
  dispose(): Promise<void>
}

/** Starts the server in-process. */
export async function startTestServer(opts: { tickMs?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-e2e-'))
  const env = (port: number) => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REGION_ROOT: '2103',
    INGEST_TOKEN,
    TICK_MS: String(opts.tickMs ?? 1000),
    CLIENT_DIR,
    // The browser tests poll the API often from one address, and generate their city on the event
    // loop they share with this in-process server; the limits have their own tests.
    RATE_LIMIT_MAX: '100000',
    EVENT_LOOP_MAX_MS: '60000',
    ...opts.env,
  })
  let server = await startServer(env(0))
  let running = true
  const port = server.port
  const t: TestServer = {
    server,
    url: server.url,
    port,
    dataDir,
    async stop() {
      // Dropping the sockets first: app.close() otherwise waits on open WebSocket connections.
      if (running) server.io.disconnectSockets(true)
      if (running) await server.close()
      running = false
    },
    async restart() {
      await t.stop()
      server = await startServer(env(port))
      t.server = server
      running = true
    },
    async dispose() {
      await t.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return t
}

/** POSTs events to the ingest API; throws unless every one is accepted or a duplicate. */
export async function ingest(url: string, events: IngestEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) {
    const res = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}` },
      body: JSON.stringify(events.slice(i, i + 5000)),
    })
    if (!res.ok) throw new Error(`ingest: HTTP ${res.status} ${await res.text()}`)
    const body = (await res.json()) as { rejected: unknown[] }
    if (body.rejected.length) throw new Error(`ingest rejected: ${JSON.stringify(body.rejected.slice(0, 3))}`)
  }
}

/** A simulated 鞍山市 feeding the server: history up to now, then more on demand. */
export function createFeeder(url: string, opts: { days?: number; seed?: number; locate?: boolean } = {}) {
  const tree = loadRegionPack('2103')
  const now = Date.now()
  // With `locate`, requests carry a location inside their community's cell, as the demo's do.
  const locate = opts.locate ? createLocator(tree) : undefined
  const sim = createSimulator({ tree, seed: opts.seed ?? 7, from: startOfDay(now) - (opts.days ?? 2) * DAY_MS, gridFrom: startOfDay(now), locate })
  let seq = 0
  return {
    city: sim.city,
    /** Creates `n` new requests now (some urgent, some completing older live ones), for the ticker and the map. */
    async burst(n: number, tag = 'live'): Promise<void> {
      const now = new Date().toISOString()
      const events: IngestEvent[] = []
      for (let i = 0; i < n; i++) {
        const k = seq++
        const community = sim.city.communities[(k * 7919) % sim.city.communities.length]
        events.push({
          id: `${tag}-${k}-c`,
          type: 'request.created',
          at: now,
          requestId: `${tag}-${k}`,
          region: community.code,
          category: CATEGORIES[(k * 31) % CATEGORIES.length],
          channel: CHANNELS[k % CHANNELS.length],
          urgency: k % 9 === 0 ? 'urgent' : 'normal',
          summary: `${community.place}居民反映问题，联系电话1380000${String(1000 + (k % 9000)).padStart(4, '0')}`,
          ...(locate ? { location: locate(community.code) } : {}),
        } as IngestEvent)
        if (k % 3 === 0 && k > 0) events.push({ id: `${tag}-${k - 1}-d`, type: 'request.completed', at: now, requestId: `${tag}-${k - 1}` } as IngestEvent)
      }
      await ingest(url, events)
    },
    /** Sends everything simulated up to `until` (default now). */
    async catchUp(until = Date.now()): Promise<number> {
      let n = 0
      for (;;) {
        const batch = sim.take(until, 5000)
        if (!batch.length) return n
        await ingest(url, batch)
        n += batch.length
      }
    },
  }
}

/** Launches Debian's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** GETs JSON from the server. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
  return (await res.json()) as T
}

/** Today's rate as the wall shows it: none under the 样本不足 threshold. */
const todayRate = (s: Snapshot, k: RateName): number | null => (sampleEnough(s.windows.today.n[k]) ? s.windows.today[k] : null)

/** Every `data-kpi` hook on the wall and where its figure sits in a snapshot. */
export const KPI_PATHS: Record<string, (s: Snapshot) => number | null> = {
  'accepted.ytd': (s) => s.windows.ytd.accepted,
  'accepted.today': (s) => s.windows.today.accepted,
  'completed.today': (s) => s.windows.today.completed,
  open: (s) => s.open,
  overdue: (s) => s.overdue,
  'completionRate.today': (s) => todayRate(s, 'completionRate'),
  'completionRate.ytd': (s) => s.windows.ytd.completionRate,
  'onTimeRate.today': (s) => todayRate(s, 'onTimeRate'),
  'onTimeRate.ytd': (s) => s.windows.ytd.onTimeRate,
  'satisfactionRate.today': (s) => todayRate(s, 'satisfactionRate'),
  'satisfactionRate.ytd': (s) => s.windows.ytd.satisfactionRate,
  'timelySignRate.today': (s) => todayRate(s, 'timelySignRate'),
  'timelySignRate.ytd': (s) => s.windows.ytd.timelySignRate,
  'closedUnresolved.today': (s) => s.windows.today.closedUnresolved,
  'closedUnresolved.ytd': (s) => s.windows.ytd.closedUnresolved,
  'grid.grids': (s) => s.grid.grids,
  'grid.onDuty': (s) => s.grid.onDuty,
  'grid.patrols': (s) => shownShift(s).patrols,
  'grid.gridFound': (s) => shownShift(s).gridFound,
  'grid.patrolCoverage': (s) => shownShift(s).patrolCoverage,
}

/** The `data-kpi` → `data-value` pairs a page shows. */
export const pageKpis = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-kpi]')].map((e) => [e.getAttribute('data-kpi'), e.getAttribute('data-value')])))

/** Differences between what the page shows and a snapshot (empty when they agree). */
export function kpiDiff(shown: Record<string, string>, s: Snapshot): string[] {
  return Object.entries(KPI_PATHS)
    .map(([key, get]) => [key, String(get(s) ?? ''), shown[key]] as const)
    .filter(([, want, got]) => want !== got)
    .map(([key, want, got]) => `${key}: page ${got ?? '(missing)'} ≠ server ${want}`)
}

/**
 * Waits for the wall's start-up font warm-up (every chunk of the bundled font loaded at idle moments,
 * each batch re-laying out the page once), so a measurement sees the wall's steady state.
 */
export async function fontWarmedUp(page: Page, timeoutMs = 60_000): Promise<void> {
  // Settled: none waiting and none still loading (a batch in flight is not warmed up yet).
  await page.waitForFunction(() => [...document.fonts].every((f) => f.family.replace(/"/g, '') !== 'Noto Sans SC' || f.status === 'loaded' || f.status === 'error'), null, {
    timeout: timeoutMs,
    polling: 500,
  })
}
