import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../testing/test-app.ts'

let t: TestApp
let doc: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>> }
beforeAll(async () => {
  t = await buildTestApp()
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
  expect(res.statusCode).toBe(200)
  doc = res.json()
})
afterAll(() => t.close())

describe('GET /api/v1/openapi.json', () => {
  it('validates as OpenAPI 3', async () => {
    const result = await new Validator().validate(structuredClone(doc) as Parameters<Validator["validate"]>[0])
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.openapi).toMatch(/^3\./)
  })

  it('lists every route with a response schema for success', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    expect(t.app.apiRoutes.length).toBeGreaterThanOrEqual(12)
    expect(listed.sort()).toEqual([...t.app.apiRoutes].sort())
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.keys(op.responses).filter((s) => s.startsWith('2'))
        expect(ok, `${method} ${path}`).not.toEqual([])
      }
    }
    expect(doc.paths['/api/v1/regions/{code}/briefing'].get.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['path:code', 'query:date', 'query:token'])
  })

  it('answers as before the schemas: a snapshot keeps every field', async () => {
    const snap = await t.app.inject({ method: 'GET', url: '/api/v1/regions/2103/snapshot' })
    expect(Object.keys(snap.json()).sort()).toEqual(['asOf', 'children', 'closedLoop', 'cohort', 'daily', 'grid', 'hourly', 'lastEventAt', 'level', 'name', 'open', 'overdue', 'overdueAge', 'region', 'today', 'windows'])
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions/2103/briefing?date=20261101' })).statusCode).toBe(400)
  })
})
