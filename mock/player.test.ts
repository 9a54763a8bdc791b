import { describe, expect, it } from 'vitest'
import type { IngestEvent } from '../shared/events.ts'
import { createPlayer, FatalIngestError, retryAfterMs, type RejectedEvent } from './player.ts'

const ev = (n: number): IngestEvent => ({ id: `e${n}`, type: 'request.completed', at: '2026-01-01T00:00:00.000Z', requestId: `r${n}` })
const ok = (accepted: number, rejected: { index: number; id: string; error: string }[] = []) =>
  new Response(JSON.stringify({ accepted, duplicates: 0, rejected }), { status: 200, headers: { 'content-type': 'application/json' } })

/** A fake server answering from a script of responses (or errors) and recording the bodies. */
function fakeServer(script: (Response | Error | ((body: string) => Response))[]) {
  const bodies: string[] = []
  const headers: Headers[] = []
  const waits: number[] = []
  const fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(new TextDecoder().decode(init.body as Uint8Array))
    headers.push(new Headers(init.headers))
    const next = script.shift()
    if (!next) throw new Error('no more responses')
    if (next instanceof Error) throw next
    return typeof next === 'function' ? next(bodies[bodies.length - 1]) : next
  }) as typeof globalThis.fetch
  const sleep = async (ms: number) => void waits.push(ms)
  return { fetch, sleep, bodies, headers, waits }
}

describe('player', () => {
  it('posts NDJSON with the bearer token', async () => {
    const s = fakeServer([ok(2)])
    const p = createPlayer({ url: 'http://x', token: 'tok', fetch: s.fetch, sleep: s.sleep })
    await p.send([ev(1), ev(2)])
    expect(s.headers[0].get('authorization')).toBe('Bearer tok')
    expect(s.headers[0].get('content-type')).toBe('application/x-ndjson')
    expect(s.bodies[0].trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['e1', 'e2'])
    expect(p.stats.accepted).toBe(2)
  })

  it('honours Retry-After on 429 and 503 and backs off on connection errors, resending the same body', async () => {
    const busy = (status: number, after: string) => new Response('busy', { status, headers: { 'retry-after': after } })
    const s = fakeServer([busy(429, '2'), busy(503, '7'), new TypeError('fetch failed'), new TypeError('fetch failed'), ok(1)])
    const p = createPlayer({ url: 'http://x', token: 't', fetch: s.fetch, sleep: s.sleep, random: () => 1 })
    await p.send([ev(1)])
    expect(s.waits.slice(0, 2)).toEqual([2000, 7000])
    expect(s.waits[3]).toBeGreaterThan(s.waits[2]) // exponential backoff
    expect(new Set(s.bodies).size).toBe(1)
    expect(p.stats.retries).toBe(4)
  })

  it('reports rejected events with their reasons', async () => {
    const s = fakeServer([ok(1, [{ index: 1, id: 'e2', error: 'region: unknown' }])])
    const seen: RejectedEvent[] = []
    const p = createPlayer({ url: 'http://x', token: 't', fetch: s.fetch, sleep: s.sleep, onRejected: (r) => seen.push(...r) })
    await p.send([ev(1), ev(2)])
    expect(seen).toEqual([{ event: ev(2), error: 'region: unknown' }])
    expect(p.stats.rejected).toBe(1)
  })

  it('splits a batch the server finds too large', async () => {
    const s = fakeServer([new Response('', { status: 413 }), ok(2), ok(1)])
    const p = createPlayer({ url: 'http://x', token: 't', fetch: s.fetch, sleep: s.sleep })
    await p.send([ev(1), ev(2), ev(3)])
    expect(s.bodies.map((b) => b.trim().split('\n').length)).toEqual([3, 2, 1])
  })

  it('gives up at once on a wrong token', async () => {
    const s = fakeServer([new Response('{"error":"bad token"}', { status: 401 })])
    const p = createPlayer({ url: 'http://x', token: 't', fetch: s.fetch, sleep: s.sleep })
    await expect(p.send([ev(1)])).rejects.toThrow(FatalIngestError)
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000)
    expect(retryAfterMs('soon', 0)).toBeUndefined()
    expect(retryAfterMs(null, 0)).toBeUndefined()
  })
})
