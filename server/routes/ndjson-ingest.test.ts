/** `POST /api/v1/events` with large NDJSON bodies: accepted exactly, bad lines named, the batch limit kept. */
import { afterEach, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { buildTestApp, createdEvent, TOKEN, type TestApp } from '../testing/test-app.ts'

const AT = '2026-11-20T09:00:00+08:00'
const BAD = '{"id": "broken", "type": '
let t: TestApp | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

const post = (app: TestApp, payload: string) =>
  app.app.inject({ method: 'POST', url: '/api/v1/events', payload, headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN}` } })
const accepted = async (app: TestApp) => ((await app.app.inject('/api/v1/regions/2103/snapshot')).json() as Snapshot).windows.today.accepted
/** `n` events as NDJSON lines, a blank line after every 100th. */
const lines = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => JSON.stringify(createdEvent(`${prefix}${i}`, AT)) + (i % 100 === 99 ? '\n' : ''))

describe('large NDJSON bodies', () => {
  it('are accepted exactly, and a bad line deep in the body gets its parse error', async () => {
    t = await buildTestApp()
    const body = lines(3000, 'N')
    body[2345] = BAD
    const res = await post(t, body.join('\n'))
    expect(res.statusCode).toBe(200)
    let message = ''
    try {
      JSON.parse(BAD)
    } catch (err) {
      message = (err as Error).message
    }
    expect(res.json()).toEqual({ accepted: 2999, duplicates: 0, rejected: [{ index: 2345, error: `invalid JSON: ${message}` }] })
    expect(await accepted(t)).toBe(2999)
  })

  it('over the batch limit are refused whole, counted by their events (blank lines not)', async () => {
    t = await buildTestApp({ env: { MAX_BATCH: '2000' } })
    const at = await post(t, lines(2000, 'A').join('\n'))
    expect(at.statusCode).toBe(200)
    expect(at.json()).toMatchObject({ accepted: 2000, rejected: [] })
    const over = await post(t, [...lines(2000, 'B'), BAD].join('\n'))
    expect(over.statusCode).toBe(413)
    expect(over.json()).toEqual({ error: 'batch of 2001 events exceeds the limit of 2000; split it' })
    expect(await accepted(t)).toBe(2000)
  })
})
