import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { buildTestApp, createdEvent, lifeEvent, TOKEN, type TestApp } from '../testing/test-app.ts'

const AT = '2026-11-20T09:00:00+08:00'
let t: TestApp
beforeEach(async () => {
  t = await buildTestApp()
})
afterEach(async () => {
  await t.close()
})

const post = (payload: string, contentType = 'application/json', token: string | null = TOKEN) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    payload,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })
const snapshot = async (code: string) => (await t.app.inject(`/api/v1/regions/${code}/snapshot`)).json() as Snapshot

describe('POST /api/v1/events', () => {
  it('accepts a JSON array and shows it in the snapshots of every ancestor', async () => {
    const res = await post(JSON.stringify([createdEvent('R1', AT), lifeEvent('request.completed', 'R1', '2026-11-20T09:30:00+08:00')]))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] })
    for (const code of ['2103', '210300', '210302', '210302002', '210302002001']) {
      const s = await snapshot(code)
      expect(s.windows.today.accepted).toBe(1)
      expect(s.windows.today.completed).toBe(1)
    }
    expect((await snapshot('210303')).windows.today.accepted).toBe(0)
  })

  it('accepts NDJSON and keeps the valid events of a batch with bad lines', async () => {
    const body = [
      JSON.stringify(createdEvent('R1', AT)),
      '{not json',
      JSON.stringify({ ...createdEvent('R2', AT), region: '999999999999' }),
      JSON.stringify({ ...createdEvent('R3', AT), extra: 1 }),
      JSON.stringify({ ...createdEvent('R4', AT), type: 'request.teleported' }),
      JSON.stringify({ ...createdEvent('R5', AT), at: '2099-01-01T00:00:00Z' }),
      JSON.stringify(createdEvent('R6', AT, { category: '外星人' })),
    ].join('\n')
    const res = await post(body, 'application/x-ndjson')
    expect(res.statusCode).toBe(200)
    const r = res.json()
    expect(r.accepted).toBe(2)
    expect(r.rejected.map((x: { index: number }) => x.index)).toEqual([1, 2, 3, 4, 5])
    expect(r.rejected[0].error).toMatch(/invalid JSON/)
    expect(r.rejected[1].error).toMatch(/region: unknown/)
    expect(r.rejected[2].error).toMatch(/unknown field "extra"/)
    expect(r.rejected[3].error).toMatch(/unknown event type/)
    expect(r.rejected[4].error).toMatch(/future/)
    const s = await snapshot('2103')
    expect(s.windows.today.byCategory).toEqual({ 供暖: 1, 其他: 1 })
    const metrics = (await t.app.inject('/metrics')).body
    expect(metrics).toMatch(/yiwang_unknown_category_events\{category="外星人"\} 1/)
    expect(metrics).toMatch(/yiwang_events_rejected_total 5/)
  })

  it('applies an id at most once', async () => {
    const batch = JSON.stringify([createdEvent('R1', AT)])
    expect((await post(batch)).json()).toMatchObject({ accepted: 1, duplicates: 0 })
    expect((await post(batch)).json()).toMatchObject({ accepted: 0, duplicates: 1 })
    const e = createdEvent('R2', AT)
    expect((await post(JSON.stringify([e, e]))).json()).toMatchObject({ accepted: 1, duplicates: 1 })
    expect((await snapshot('2103')).windows.today.accepted).toBe(2)
  })

  it('applies a completion that arrived before its creation once the creation arrives', async () => {
    await post(JSON.stringify([lifeEvent('request.completed', 'LATE', '2026-11-20T09:30:00+08:00')]))
    expect((await snapshot('2103')).windows.today.completed).toBe(0)
    expect((await t.app.inject('/metrics')).body).toMatch(/yiwang_pending_requests 1/)
    await post(JSON.stringify([createdEvent('LATE', AT)]))
    const s = await snapshot('2103')
    expect([s.windows.today.accepted, s.windows.today.completed, s.open]).toEqual([1, 1, 0])
  })

  it('refuses a missing or wrong token, an unparseable body and an oversized batch, storing nothing', async () => {
    const batch = JSON.stringify([createdEvent('R1', AT)])
    expect((await post(batch, 'application/json', null)).statusCode).toBe(401)
    expect((await post(batch, 'application/json', 'wrong')).statusCode).toBe(401)
    const bad = await post('[{"id": ', 'application/json')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatch(/JSON/)
    expect((await post('{"id":"x"}')).statusCode).toBe(400)
    const many = JSON.stringify(Array.from({ length: 5001 }, (_, i) => createdEvent(`B${i}`, AT)))
    expect((await post(many)).statusCode).toBe(413)
    expect((await snapshot('2103')).windows.today.accepted).toBe(0)
  })
})

describe('region routes', () => {
  it('describes a region with its path and children, accepting 6-digit aliases', async () => {
    const res = await t.app.inject('/api/v1/regions/210300')
    expect(res.statusCode).toBe(200)
    const info = res.json()
    expect(info.node).toMatchObject({ code: '2103', name: '鞍山市', level: 'city' })
    expect(info.children).toHaveLength(7)
    const street = (await t.app.inject('/api/v1/regions/210302002')).json()
    expect(street.path.map((n: { code: string }) => n.code)).toEqual(['2103', '210302'])
    expect((await t.app.inject('/api/v1/regions/999999')).statusCode).toBe(404)
  })

  it('serves child boundaries as GeoJSON', async () => {
    const geo = (await t.app.inject('/api/v1/regions/2103/geo')).json()
    expect(geo.type).toBe('FeatureCollection')
    expect(geo.features.map((f: { properties: { code: string } }) => f.properties.code).sort()).toEqual(
      (await t.app.inject('/api/v1/regions/2103')).json().children.map((c: { code: string }) => c.code).sort(),
    )
  })

  it('binds viewer tokens to their region', async () => {
    const scoped = await buildTestApp({ env: { VIEW_TOKENS: 'tiedong=210302', ALLOW_ANONYMOUS: 'false' } })
    try {
      const get = (url: string, token?: string) =>
        scoped.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} })
      expect((await get('/api/v1/regions/210302/snapshot')).statusCode).toBe(401)
      expect((await get('/api/v1/regions/210302/snapshot', 'tiedong')).statusCode).toBe(200)
      expect((await get('/api/v1/regions/210302002001/snapshot', 'tiedong')).statusCode).toBe(200)
      expect((await get('/api/v1/regions/210303/snapshot', 'tiedong')).statusCode).toBe(403)
      expect((await get('/api/v1/regions/2103/snapshot', 'tiedong')).statusCode).toBe(403)
      expect((await get('/api/v1/regions/2103/snapshot', 'nope')).statusCode).toBe(401)
    } finally {
      await scoped.close()
    }
  })

  it('answers health, readiness and Prometheus metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ ok: true })
    const ready = await t.app.inject('/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toMatchObject({ ok: true, store: 'embedded' })
    const m = await t.app.inject('/metrics')
    expect(m.headers['content-type']).toMatch(/text\/plain/)
    for (const name of ['yiwang_events_accepted_total', 'yiwang_sockets', 'yiwang_push_lag_seconds', 'yiwang_store_append_seconds']) {
      expect(m.body).toContain(name)
    }
  })
})

describe('time passing', () => {
  it('turns an open request overdue at its deadline with no event, and rolls the day over', async () => {
    await post(JSON.stringify([createdEvent('U1', AT, { urgency: 'urgent' })]))
    t.clock.now = Date.parse('2026-11-21T08:59:00+08:00')
    t.tick()
    let s = await snapshot('210302')
    expect([s.open, s.overdue, s.windows.today.accepted, s.windows.yesterday.accepted]).toEqual([1, 0, 0, 1])
    t.clock.now = Date.parse('2026-11-21T09:00:01+08:00')
    t.tick()
    s = await snapshot('210302')
    expect(s.overdue).toBe(1)
    expect(t.engine.recentAlerts.map((a) => a.kind)).toContain('urgentOverdue')
  })
})
