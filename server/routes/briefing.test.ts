import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Briefing, BriefingError } from '../../shared/briefing-types.ts'
import type { IngestEvent } from '../../shared/events.ts'
import { buildApp, type BuiltApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { SqliteStore } from '../store/sqlite-store.ts'

const NOW = Date.parse('2026-11-22T10:00:00+08:00')
const COMMUNITY = '210302002001'
let built: BuiltApp
let dir: string

const event = (id: string, type: string, at: string, extra: Record<string, unknown>): IngestEvent =>
  ({ id, type, at: `${at}+08:00`, ...extra }) as IngestEvent

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yiwang-briefing-'))
  const config = loadConfig({ DATA_DIR: dir, INGEST_TOKEN: 'ingest', VIEW_TOKENS: 'tiedong=210302', ALLOW_ANONYMOUS: '0', CLIENT_DIR: join(dir, 'none') })
  built = await buildApp({ config, store: new SqliteStore(dir, { clock: () => NOW }), clock: () => NOW })
  const base = { category: '供暖', channel: 'hotline', urgency: 'normal', region: COMMUNITY }
  const res = await built.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: 'Bearer ingest' },
    payload: [
      event('c1', 'request.created', '2026-11-21T09:00:00', { requestId: 'q1', ...base }),
      event('c2', 'request.created', '2026-11-21T10:00:00', { requestId: 'q2', ...base, category: '供水' }),
      event('d2', 'request.completed', '2026-11-21T11:00:00', { requestId: 'q2' }),
      event('c3', 'request.created', '2026-11-10T10:00:00', { requestId: 'q3', ...base }),
    ],
  })
  expect(res.json()).toMatchObject({ accepted: 4 })
  built.tick()
})

afterAll(async () => {
  await built?.app.close()
  rmSync(dir, { recursive: true, force: true })
})

const get = (url: string, token = 'tiedong') => built.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

describe('GET /api/v1/regions/:code/briefing', () => {
  it('answers yesterday by default', async () => {
    const res = await get('/api/v1/regions/210302/briefing')
    expect(res.statusCode).toBe(200)
    const b = res.json<Briefing>()
    expect(b.date).toBe('2026-11-21')
    expect(b.range).toEqual({ from: '2025-10-19', to: '2026-11-21' })
    expect(b.day).toMatchObject({ accepted: 2, completed: 1, completionRate: 0.5, open: 2, overdue: 1 })
    expect(b.overdue.items.map((i) => i.requestId)).toEqual(['q3'])
  })

  it('answers any kept date, down to a community', async () => {
    const res = await get(`/api/v1/regions/${COMMUNITY}/briefing?date=2026-11-10`)
    expect(res.statusCode).toBe(200)
    expect(res.json<Briefing>().day).toMatchObject({ accepted: 1, open: 1, overdue: 0 })
  })

  it('refuses dates outside the kept history and malformed ones, in Chinese and English', async () => {
    for (const date of ['2026-11-22', '2025-10-18', '2026-02-30', 'yesterday']) {
      const res = await get(`/api/v1/regions/210302/briefing?date=${date}`)
      expect(res.statusCode, date).toBe(400)
      const body = res.json<BriefingError>()
      expect(body.errorZh).toMatch(/日期/)
      expect(body.error).toMatch(/date|briefing/)
    }
    expect((await get('/api/v1/regions/210302/briefing?date=2020-01-01')).json<BriefingError>().range).toEqual({ from: '2025-10-19', to: '2026-11-21' })
  })

  it('applies viewer scopes like the other region routes', async () => {
    expect((await get('/api/v1/regions/2103/briefing')).statusCode).toBe(403)
    expect((await get('/api/v1/regions/210302/briefing', 'nope')).statusCode).toBe(401)
    expect((await get('/api/v1/regions/999999/briefing')).statusCode).toBe(404)
  })
})
