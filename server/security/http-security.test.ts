import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { SqliteStore } from '../store/sqlite-store.ts'
import { buildTestApp, createdEvent, TOKEN, type TestApp } from '../testing/test-app.ts'

let t: TestApp | undefined
const dirs: string[] = []
afterEach(async () => {
  await t?.close()
  t = undefined
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'yiwang-sec-'))
  dirs.push(d)
  return d
}
/** A built client of one page, so the page routes answer. */
function fakeClient(): string {
  const client = join(tempDir(), 'client')
  mkdirSync(join(client, 'assets'), { recursive: true })
  writeFileSync(join(client, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/assets/index-A1.js"></script>')
  writeFileSync(join(client, 'assets', 'index-A1.js'), 'export {}')
  return client
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

describe('security headers', () => {
  it('sends a CSP without inline scripts, nosniff, no-referrer and a frame policy on pages and API answers', async () => {
    t = await buildTestApp({ env: { CLIENT_DIR: fakeClient() } })
    for (const url of ['/wall/2103', '/briefing/2103', '/api/v1/regions/2103', '/assets/index-A1.js']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(csp).toContain("frame-ancestors 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).not.toContain('upgrade-insecure-requests')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    }
  })

  it('counts the CSP violations browsers report', async () => {
    t = await buildTestApp()
    const report = { 'csp-report': { 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' } }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/csp-report', headers: { 'content-type': 'application/csp-report' }, payload: JSON.stringify(report) })
    expect(res.statusCode).toBe(204)
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.body).toContain('yiwang_csp_violations_total{directive="script-src-elem"} 1')
  })
})

describe('request limits', () => {
  it('answers 429 with Retry-After past the rate, per viewer token, and never limits ingest', async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_MAX: '5', VIEW_TOKENS: 'a-token=2103,b-token=2103' } })
    const get = (token: string) => t!.app.inject({ method: 'GET', url: '/api/v1/regions/2103/snapshot', headers: bearer(token) })
    for (let i = 0; i < 5; i++) expect((await get('a-token')).statusCode).toBe(200)
    const limited = await get('a-token')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.json().error).toMatch(/at most 5 a minute/)
    expect((await get('b-token')).statusCode).toBe(200)
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: bearer(TOKEN), payload: [] })
      expect(res.statusCode).toBe(200)
    }
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  })

  it('locks an address out after repeated wrong tokens, for ingest and viewers alike', async () => {
    t = await buildTestApp({ env: { AUTH_FAILURES_MAX: '3', VIEW_TOKENS: 'good-token=2103', ALLOW_ANONYMOUS: 'false' } })
    const ingest = (token: string, remoteAddress = '10.1.1.1') =>
      t!.app.inject({ method: 'POST', url: '/api/v1/events', headers: bearer(token), payload: [], remoteAddress })
    for (let i = 0; i < 3; i++) expect((await ingest('wrong')).statusCode).toBe(401)
    const locked = await ingest(TOKEN)
    expect(locked.statusCode).toBe(429)
    expect(locked.json().error).toMatch(/too many failed token checks/)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500)
    const viewer = await t.app.inject({ method: 'GET', url: '/api/v1/regions/2103', headers: bearer('good-token'), remoteAddress: '10.1.1.1' })
    expect(viewer.statusCode).toBe(429)
    // Another address is not affected.
    expect((await ingest(TOKEN, '10.1.1.2')).statusCode).toBe(200)
  })

  it('answers 503 with Retry-After while the event loop is held up', async () => {
    t = await buildTestApp({ env: { EVENT_LOOP_MAX_MS: '50' } })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode).toBe(200)
    const until = performance.now() + 1500
    while (performance.now() < until) {
      // Holding the event loop, as a runaway synchronous task would.
    }
    await new Promise((r) => setTimeout(r, 30))
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/meta' })
    expect(res.statusCode).toBe(503)
    expect(res.headers['retry-after']).toBe('10')
    expect(res.json().error).toMatch(/overloaded/)
  })

  it('quotes at most a short prefix of the input in an error', async () => {
    t = await buildTestApp()
    const long = '9'.repeat(100)
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/regions/${long}/snapshot` })
    expect(res.statusCode).toBe(404)
    expect(res.json().error).toContain('9'.repeat(24))
    expect(res.json().error).not.toContain('9'.repeat(25))
    const batch = [{ id: 'x1', type: 'y'.repeat(100_000), at: new Date(t.clock.now).toISOString() }, createdEvent('R1', new Date(t.clock.now).toISOString())]
    const ingest = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: bearer(TOKEN), payload: batch })
    expect(ingest.statusCode).toBe(200)
    expect(ingest.json().accepted).toBe(1)
    expect(ingest.json().rejected[0].error.length).toBeLessThanOrEqual(240)
  })
})

describe('metrics access', () => {
  it('serves /metrics to loopback clients only when no METRICS_TOKEN is set', async () => {
    t = await buildTestApp()
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.168.1.20' })).statusCode).toBe(403)
  })

  it('asks everyone for METRICS_TOKEN when it is set', async () => {
    t = await buildTestApp({ env: { METRICS_TOKEN: 'scrape-me' } })
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer('nope') })).statusCode).toBe(401)
    const ok = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer('scrape-me'), remoteAddress: '192.168.1.20' })
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toContain('yiwang_events_accepted_total')
  })
})

describe('logs', () => {
  it('never write a viewer or ingest token, in the URL or a header', async () => {
    const dir = tempDir()
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const config = loadConfig({ INGEST_TOKEN: 'ingest-secret-1', DATA_DIR: dir, CLIENT_DIR: fakeClient(), VIEW_TOKENS: 'viewer-secret-2=2103' })
    const built = await buildApp({ config, store: new SqliteStore(dir), logger: { level: 'info', stream } })
    try {
      await built.app.inject({ method: 'GET', url: '/wall/2103?token=viewer-secret-2&tour=1' })
      await built.app.inject({ method: 'GET', url: '/api/v1/regions/2103/snapshot?token=viewer-secret-2' })
      await built.app.inject({ method: 'GET', url: '/api/v1/regions/2103', headers: bearer('viewer-secret-2') })
      await built.app.inject({ method: 'POST', url: '/api/v1/events', headers: bearer('ingest-secret-1'), payload: [] })
      await built.app.inject({ method: 'POST', url: '/api/v1/events?access_token=ingest-secret-1', payload: [] })
    } finally {
      await built.app.close()
    }
    const log = lines.join('')
    expect(log).toContain('/wall/2103?token=[redacted]&tour=1')
    expect(log).toContain('/api/v1/regions/2103/snapshot?token=[redacted]')
    expect(log).not.toContain('viewer-secret-2')
    expect(log).not.toContain('ingest-secret-1')
  })
})

describe('metric names', () => {
  it('give every _total metric of the server the counter type', async () => {
    t = await buildTestApp()
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
    const types = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]))
    expect(types.get('yiwang_orphans_expired_total')).toBe('counter')
    // prom-client's default process metrics (yiwang_nodejs_*, yiwang_process_*) are its own naming.
    const own = [...types].filter(([name]) => !/^yiwang_(nodejs|process)_/.test(name))
    expect(own.length).toBeGreaterThan(8)
    for (const [name, type] of own) if (name.endsWith('_total')) expect(type, name).toBe('counter')
  })
})
