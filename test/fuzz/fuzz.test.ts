/** The fuzz corpus against a real server process: every kind gets its answer, the server stays up, valid neighbours are kept. */
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { startChildServer, type ChildServer } from '../../server/testing/child-server.ts'
import { ACCEPTED_BODIES, created, EVENT_CASES, INGEST_TOKEN, REQUEST_CASES, VIEW_TOKEN, type FuzzRequest } from './corpus.ts'

let server: ChildServer
let dir: string
/** Valid events the server acknowledged as new: the snapshot must count exactly these. */
let kept = 0
let seq = 0

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yiwang-fuzz-'))
  server = await startChildServer({
    DATA_DIR: dir,
    INGEST_TOKEN,
    VIEW_TOKENS: `${VIEW_TOKEN}=2103`,
    MAX_BATCH: '50',
    BODY_LIMIT: String(256 * 1024),
    // The corpus sends hundreds of wrong tokens and requests from one address; the limits have their own tests.
    AUTH_FAILURES_MAX: '100000',
    RATE_LIMIT_MAX: '100000',
    CLIENT_DIR: resolve('dist/client'),
  })
}, 90_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Sends a request byte for byte (no URL normalisation), with the answer's status, headers and body. */
function send(r: FuzzRequest): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(server.url)
  return new Promise((done, fail) => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body)
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', fail)
    req.end(body)
  })
}
const errorOf = (body: string): string => {
  try {
    return String((JSON.parse(body) as { error?: unknown }).error ?? '')
  } catch {
    return body
  }
}
const ingestJson = (events: unknown[]) =>
  send({ method: 'POST', path: '/api/v1/events', headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}` }, body: JSON.stringify(events) })

describe('fuzz corpus', () => {
  it('has at least 80 kinds of bad input', () => {
    expect(EVENT_CASES.length + REQUEST_CASES.length).toBeGreaterThanOrEqual(80)
    const kinds = [...EVENT_CASES, ...REQUEST_CASES].map((c) => c.kind)
    expect(new Set(kinds).size).toBe(kinds.length)
  })

  it.each(EVENT_CASES.map((c) => [c.kind, c] as const))('rejects one bad event and keeps its neighbours: %s', async (_kind, c) => {
    const n = ++seq
    const res = await ingestJson([created(`ok-${n}-a`), c.event, created(`ok-${n}-b`)])
    expect(res.status, res.body).toBe(200)
    const body = JSON.parse(res.body) as { accepted: number; duplicates: number; rejected: { index: number; error: string }[] }
    expect(body.accepted).toBe(2)
    kept += body.accepted
    expect(body.rejected).toHaveLength(1)
    expect(body.rejected[0].index).toBe(1)
    expect(body.rejected[0].error).toMatch(c.error)
    expect(body.rejected[0].error.length).toBeLessThanOrEqual(240)
  })

  it.each(REQUEST_CASES.map((c) => [c.kind, c] as const))('answers the whole request: %s', async (_kind, c) => {
    const res = await send(c.request)
    expect(res.status, res.body.slice(0, 300)).toBe(c.status)
    if (c.error) expect(errorOf(res.body)).toMatch(c.error)
    expect(res.body.length).toBeLessThan(20_000)
  })

  it.each(ACCEPTED_BODIES.map((c) => [c.kind, c] as const))('accepts what interoperating upstreams send: %s', async (_kind, c) => {
    const n = ++seq
    const res = await send(c.request([created(`ok-${n}-a`), created(`ok-${n}-b`, { summary: '😀'.repeat(200) })]))
    expect(res.status, res.body).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ accepted: 2, duplicates: 0, rejected: [] })
    kept += 2
  })

  it('answers HEAD for pages and API reads without a body', async () => {
    for (const path of ['/wall/2103', '/briefing/2103', '/api/v1/regions/2103', '/healthz']) {
      const res = await send({ method: 'HEAD', path })
      expect(res.status, path).toBe(200)
      expect(res.body).toBe('')
    }
  })

  it('answers bad socket messages with an error in the ack, and stays connected', async () => {
    const socket = connect(server.url, { transports: ['websocket'], reconnection: false })
    await new Promise<void>((r) => socket.once('connect', () => r()))
    const ask = (payload: unknown) => new Promise<{ ok: boolean; error?: string }>((r) => socket.emit('subscribe', payload as never, r as never))
    for (const payload of [null, 42, 'region', [], { region: 2103 }, { region: '' }, { region: '9'.repeat(900_000) }, { region: '2102' }, { region: { $gt: '' } }]) {
      const ack = await ask(payload)
      expect(ack.ok, JSON.stringify(payload).slice(0, 40)).toBe(false)
      expect(ack.error!.length).toBeLessThan(80)
    }
    socket.emit('subscribe' as never)
    socket.emit('no-such-event' as never, { x: 1 } as never)
    expect((await ask({ region: '2103' })).ok).toBe(true)
    socket.disconnect()
  })

  it('is still up afterwards, has kept exactly the valid events, and logged no crash', async () => {
    expect(server.proc.exitCode).toBeNull()
    expect((await send({ method: 'GET', path: '/healthz' })).status).toBe(200)
    const snap = JSON.parse((await send({ method: 'GET', path: '/api/v1/regions/2103/snapshot' })).body) as Snapshot
    expect(snap.windows.today.accepted + snap.windows.yesterday.accepted).toBe(kept)
    expect(kept).toBeGreaterThanOrEqual(2 * EVENT_CASES.length)
    expect(server.output()).not.toMatch(/uncaught|unhandled|FATAL/i)
  })
})
