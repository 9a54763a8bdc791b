import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/socket-contract.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { startServer, type RunningServer } from '../main.ts'
import { createdEvent, TOKEN } from '../testing/test-app.ts'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

let server: RunningServer
let dir: string
const clients: Client[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yiwang-sock-'))
  server = await startServer({ PORT: '0', DATA_DIR: dir, INGEST_TOKEN: TOKEN, TICK_MS: '50', CLIENT_DIR: join(dir, 'none'), VIEW_TOKENS: 'tiedong=210302' })
})
afterAll(async () => {
  for (const c of clients) c.disconnect()
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

function client(token?: string): Client {
  const c: Client = connect(server.url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false })
  clients.push(c)
  return c
}
const subscribe = (c: Client, region: string) => new Promise<Ack<Snapshot>>((resolve) => c.emit('subscribe', { region }, resolve))
const nextKpi = (c: Client, region: string) =>
  new Promise<Snapshot>((resolve) => {
    const on = (s: Snapshot) => {
      if (s.region !== region) return
      c.off('kpi', on)
      resolve(s)
    }
    c.on('kpi', on)
  })
const ingest = (events: unknown[]) =>
  fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  }).then((r) => r.json())
const now = () => new Date().toISOString()

describe('Socket.IO push', () => {
  it('has one typed contract', () => {
    expectTypeOf<Parameters<ClientToServerEvents['subscribe']>[0]>().toEqualTypeOf<{ region: string }>()
    expectTypeOf<Parameters<ServerToClientEvents['kpi']>[0]>().toEqualTypeOf<Snapshot>()
    expectTypeOf<Parameters<ServerToClientEvents['ticker']>[0]['items']>().toEqualTypeOf<TickerItem[]>()
  })

  it('sends each client only the regions it subscribed to', async () => {
    const a = client()
    const b = client()
    const [ackA, ackB] = await Promise.all([subscribe(a, '210302'), subscribe(b, '210303')])
    expect(ackA.ok && ackA.data.region).toBe('210302')
    expect(ackB.ok && ackB.data.region).toBe('210303')
    const seenByA: string[] = []
    const seenByB: string[] = []
    a.on('kpi', (s) => seenByA.push(s.region))
    b.on('kpi', (s) => seenByB.push(s.region))
    const tickerA = new Promise<TickerItem[]>((r) => a.once('ticker', (p) => r(p.items)))
    const kpiA = nextKpi(a, '210302')
    await ingest([createdEvent('S1', now(), { region: '210302002001', summary: '市民来电13912345678反映暖气不热' })])
    const s = await kpiA
    expect(s.windows.today.accepted).toBe(1)
    const items = await tickerA
    expect(items[0].summary).toBe('市民来电139****5678反映暖气不热')
    expect(items[0].place).toContain('铁东区')
    const kpiB = nextKpi(b, '210303')
    await ingest([createdEvent('S2', now(), { region: '210303002001' })])
    expect((await kpiB).windows.today.accepted).toBe(1)
    await new Promise((r) => setTimeout(r, 200))
    expect(seenByA.every((r) => r === '210302')).toBe(true)
    expect(seenByB.every((r) => r === '210303')).toBe(true)
    expect(seenByA.length).toBe(1) // S2 did not touch 铁东区: no push
  })

  it('pushes at most once per tick for a burst, and subscribes to several regions', async () => {
    const c = client()
    await subscribe(c, '2103')
    await subscribe(c, '210302002')
    const pushes: string[] = []
    c.on('kpi', (s) => pushes.push(s.region))
    await Promise.all(Array.from({ length: 20 }, (_, i) => ingest([createdEvent(`B${i}`, now(), { region: '210302002001' })])))
    await new Promise((r) => setTimeout(r, 400))
    // 20 ingests within a few ticks of 50 ms give far fewer pushes than ingests.
    expect(pushes.filter((r) => r === '2103').length).toBeLessThan(10)
    expect(new Set(pushes)).toEqual(new Set(['2103', '210302002']))
    await new Promise<void>((r) => c.emit('unsubscribe', { region: '2103' }, () => r()))
    pushes.length = 0
    await ingest([createdEvent('B99', now(), { region: '210302002001' })])
    await new Promise((r) => setTimeout(r, 300))
    expect(pushes).toEqual(['210302002'])
  })

  it('refuses regions outside a token scope and unknown regions', async () => {
    const c = client('tiedong')
    const ok = await subscribe(c, '210302002')
    expect(ok.ok).toBe(true)
    const no = await subscribe(c, '210303')
    expect(no).toEqual({ ok: false, error: 'not allowed to view 210303' })
    const unknown = await subscribe(c, '123')
    expect(unknown.ok).toBe(false)
  })

  it('sends a heartbeat every tick', async () => {
    const c = client()
    const beat = await new Promise<{ at: number; storeHealthy: boolean }>((r) => c.once('heartbeat', r))
    expect(beat.storeHealthy).toBe(true)
    expect(Math.abs(beat.at - Date.now())).toBeLessThan(5000)
  })
})

describe('shutdown', () => {
  it('closes promptly while walls are connected over WebSocket', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'yiwang-close-'))
    const s = await startServer({ PORT: '0', DATA_DIR: dir2, INGEST_TOKEN: TOKEN, TICK_MS: '50', CLIENT_DIR: join(dir2, 'none') })
    const c: Client = connect(s.url, { transports: ['websocket'], reconnection: false })
    await new Promise<void>((r) => c.once('connect', () => r()))
    const disconnected = new Promise<void>((r) => c.once('disconnect', () => r()))
    const started = Date.now()
    await s.close()
    await disconnected
    expect(Date.now() - started).toBeLessThan(3000)
    rmSync(dir2, { recursive: true, force: true })
  })
})
