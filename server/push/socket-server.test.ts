import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { BEAT_TICKS } from '../../shared/socket-contract.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { followSnapshot } from '../../shared/snapshot-feed.ts'
import type { Ack, ClientToServerEvents, Frame, Goodbye, ServerToClientEvents, Subscription } from '../../shared/socket-contract.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { startServer, type RunningServer } from '../main.ts'
import { PER_HANDLE_METRICS } from '../metrics.ts'
import { fanOut } from './fanout.ts'
import { createSlicer } from './slicer.ts'
import { createdEvent, TOKEN } from '../testing/test-app.ts'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

let server: RunningServer
let dir: string
const clients: Client[] = []
/** The server's clock: ticks are driven by the test (the interval's TICK_MS is an hour). */
let clockMs = Date.now()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yiwang-sock-'))
  server = await startServer(
    { PORT: '0', DATA_DIR: dir, INGEST_TOKEN: TOKEN, TICK_MS: '3600000', CLIENT_DIR: join(dir, 'none'), VIEW_TOKENS: 'tiedong=210302' },
    { clock: () => clockMs },
  )
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
const subscribed = new WeakMap<Client, Map<string, ReturnType<typeof followSnapshot>>>()
/** Subscribes `c` to `region`, following its snapshot through the frames' deltas. */
const subscribe = (c: Client, region: string) =>
  new Promise<Ack<Subscription>>((resolve) =>
    c.emit('subscribe', { region }, (res) => {
      if (res.ok) {
        let byRegion = subscribed.get(c)
        if (!byRegion) {
          subscribed.set(c, (byRegion = new Map()))
          c.on('frame', (f) => f.kpi && byRegion!.get(f.region)?.take(f.kpi))
        }
        const follower = byRegion.get(region) ?? followSnapshot()
        follower.reset(res.data)
        byRegion.set(region, follower)
      }
      resolve(res)
    }),
  )
/** The snapshot of `region` after the next frame with a delta. */
const nextKpi = (c: Client, region: string) =>
  new Promise<Snapshot>((resolve) => {
    const on = (f: Frame) => {
      if (f.region !== region || !f.kpi) return
      c.off('frame', on)
      // Listeners run in order: the follower (added at subscribe) has applied this delta already.
      resolve(subscribed.get(c)!.get(region)!.current!.snapshot)
    }
    c.on('frame', on)
  })
const ingest = (events: unknown[]) =>
  fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  }).then((r) => r.json())
const now = () => new Date(clockMs - 1000).toISOString()
/** Resolves once every frame the server wrote to `c` before it has arrived (acks keep their order). */
const barrier = (c: Client) => new Promise<void>((r) => c.emit('unsubscribe', { region: '' }, () => r()))
/** One push tick, `ms` later on the server's clock; resolves when `clients` hold its frames. */
async function tick(ms = 1000, ...clients: Client[]): Promise<void> {
  clockMs += ms
  await server.tick()
  await Promise.all(clients.map(barrier))
}

describe('Socket.IO push', () => {
  it('has one typed contract', () => {
    expectTypeOf<Parameters<ClientToServerEvents['subscribe']>[0]>().toEqualTypeOf<{ region: string }>()
    expectTypeOf<Parameters<Parameters<ClientToServerEvents['subscribe']>[1]>[0]>().toEqualTypeOf<Ack<Subscription>>()
    expectTypeOf<Parameters<ServerToClientEvents['frame']>[0]>().toEqualTypeOf<Frame>()
    expectTypeOf<Frame['ticker']>().toEqualTypeOf<TickerItem[] | undefined>()
  })

  it('sends each client only the regions it subscribed to', async () => {
    const a = client()
    const b = client()
    const [ackA, ackB] = await Promise.all([subscribe(a, '210302'), subscribe(b, '210303')])
    expect(ackA.ok && ackA.data.snapshot.region).toBe('210302')
    expect(ackB.ok && ackB.data.snapshot.region).toBe('210303')
    const seenByA: string[] = []
    const seenByB: string[] = []
    a.on('frame', (f) => f.kpi && seenByA.push(f.region))
    b.on('frame', (f) => f.kpi && seenByB.push(f.region))
    const tickerA = new Promise<TickerItem[]>((r) => a.on('frame', (f) => f.ticker && r(f.ticker)))
    const kpiA = nextKpi(a, '210302')
    await ingest([createdEvent('S1', now(), { region: '210302002001', summary: '市民来电13912345678反映暖气不热' })])
    await tick(1000, a, b)
    const s = await kpiA
    expect(s.windows.today.accepted).toBe(1)
    const items = await tickerA
    expect(items[0].summary).toBe('市民来电139****5678反映暖气不热')
    expect(items[0].place).toContain('铁东区')
    const kpiB = nextKpi(b, '210303')
    await ingest([createdEvent('S2', now(), { region: '210303002001' })])
    await tick(1000, a, b)
    expect((await kpiB).windows.today.accepted).toBe(1)
    expect(seenByA.every((r) => r === '210302')).toBe(true)
    expect(seenByB.every((r) => r === '210303')).toBe(true)
    expect(seenByA.length).toBe(1) // S2 did not touch 铁东区: no push
  })

  it('pushes once per tick for a burst, and subscribes to several regions', async () => {
    const c = client()
    await subscribe(c, '2103')
    await subscribe(c, '210302002')
    const pushes: string[] = []
    c.on('frame', (f) => f.kpi && pushes.push(f.region))
    await Promise.all(Array.from({ length: 20 }, (_, i) => ingest([createdEvent(`B${i}`, now(), { region: '210302002001' })])))
    expect(pushes).toEqual([])
    await tick(1000, c)
    // 20 ingests between two ticks: one frame per region, holding all of them.
    expect(pushes.sort()).toEqual(['2103', '210302002'])
    expect(subscribed.get(c)!.get('2103')!.current!.snapshot.windows.today.accepted).toBeGreaterThanOrEqual(20)
    await tick(1000, c)
    expect(pushes).toHaveLength(2) // nothing new: no delta
    await new Promise<void>((r) => c.emit('unsubscribe', { region: '2103' }, () => r()))
    pushes.length = 0
    await ingest([createdEvent('B99', now(), { region: '210302002001' })])
    await tick(1000, c)
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

  it('sends a quiet region a bare heartbeat every BEAT_TICKS ticks (ticks under 1 s counting as 1 s), and nothing more', async () => {
    const c = client()
    await subscribe(c, '210381')
    const frames: Frame[] = []
    c.on('frame', (frame) => frames.push(frame))
    // Ticks of 50 ms: a heartbeat once BEAT_TICKS seconds have passed, not after BEAT_TICKS ticks.
    for (let i = 0; i < (2 * BEAT_TICKS * 1000) / 50; i++) await tick(50, c)
    expect(frames.every((f) => f.region === '210381' && !f.kpi && !f.ticker && f.storeHealthy)).toBe(true)
    expect(frames.length).toBe(2)
    expect(frames[1].at - frames[0].at).toBeGreaterThanOrEqual(BEAT_TICKS * 1000 * 0.95)
    expect(frames[1].at - frames[0].at).toBeLessThanOrEqual(BEAT_TICKS * 1000)
    // Ticks of a second: a heartbeat every BEAT_TICKS ticks.
    frames.length = 0
    for (let i = 0; i < 2 * BEAT_TICKS; i++) await tick(1000, c)
    expect(frames.map((f) => f.at)).toEqual([clockMs - BEAT_TICKS * 1000, clockMs])
  })

  it('sends one frame per tick with the delta and the ticker together, and a delta that does not follow is a gap', async () => {
    const c = client()
    const ack = await subscribe(c, '210302002')
    expect(ack.ok).toBe(true)
    const frames: Frame[] = []
    c.on('frame', (f) => frames.push(f))
    await ingest([createdEvent('F1', now(), { region: '210302002001' })])
    await tick(1000, c)
    const withKpi = frames.filter((f) => f.kpi)
    expect(withKpi).toHaveLength(1)
    expect(withKpi[0].ticker?.map((t) => t.requestId)).toEqual(['F1'])
    expect(withKpi[0].kpi!.base).toBe(ack.ok && ack.data.seq)
    expect(subscribed.get(c)!.get('210302002')!.current!.snapshot.windows.today.accepted).toBe(ack.ok ? ack.data.snapshot.windows.today.accepted + 1 : -1)
    // A client that lost a delta sees the next one not fit, and a fresh subscribe puts it right.
    const lost = followSnapshot()
    lost.reset(ack.ok ? ack.data : null)
    const nextFrame = nextKpi(c, '210302002')
    await ingest([createdEvent('F2', now(), { region: '210302002001' })])
    await tick(1000, c)
    const next = await nextFrame
    const last = frames.filter((f) => f.kpi).at(-1)!.kpi!
    expect(lost.take(last).gap).toBe(true)
    const again = await subscribe(c, '210302002')
    expect(again.ok && again.data.snapshot).toEqual({ ...next, asOf: again.ok && again.data.snapshot.asOf, lastEventAt: again.ok && again.data.snapshot.lastEventAt })
  })
})

describe('metrics', () => {
  it('counts connected walls when scraped, and leaves out figures that walk every connection', async () => {
    const scrape = async () => server.metrics.registry.metrics()
    const count = async () => Number(/^yiwang_sockets (\d+)$/m.exec(await scrape())![1])
    const before = await count()
    const a = client()
    const b = client()
    await Promise.all([a, b].map((c) => new Promise<void>((r) => c.once('connect', () => r()))))
    expect(await count()).toBe(before + 2)
    const gone = new Promise<void>((r) => server.io.once('connection', (s) => s.once('disconnect', () => r())))
    const c = client()
    await new Promise<void>((r) => c.once('connect', () => r()))
    c.disconnect()
    await gone
    expect(await count()).toBe(before + 2)
    const text = await scrape()
    expect(text).toContain('yiwang_nodejs_eventloop_lag_max_seconds')
    for (const name of PER_HANDLE_METRICS) expect(text).not.toMatch(new RegExp(`^yiwang_${name}[ {]`, 'm'))
  })
})

describe('fan-out', () => {
  it('writes a room in slices that yield to the event loop, each socket once', async () => {
    const walls = Array.from({ length: 40 }, () => client())
    await Promise.all(walls.map((w) => subscribe(w, '210304')))
    const got = walls.map((w) => new Promise<Frame>((r) => w.on('frame', (f) => f.kpi?.seq === -1 && r(f))))
    let ranBetween = 0
    const probe = setInterval(() => ranBetween++, 0)
    const slicer = createSlicer(0) // every socket's write is its own task
    const frame: Frame = { region: '210304', at: 0, lastEventAt: null, storeHealthy: true, kpi: { base: -2, seq: -1, patch: {} } }
    const sent = await fanOut(server.io, 'r:210304', 'frame', frame, slicer)
    clearInterval(probe)
    expect(sent.sockets).toBe(40)
    expect(sent.bytes).toBeGreaterThan(50)
    expect(slicer.finish().slices).toBeGreaterThanOrEqual(40)
    expect(ranBetween).toBeGreaterThan(0)
    expect((await Promise.all(got)).every((f) => f.region === '210304')).toBe(true)
  })
})

describe('shutdown', () => {
  it('closes promptly while walls are connected over WebSocket', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'yiwang-close-'))
    const s = await startServer({ PORT: '0', DATA_DIR: dir2, INGEST_TOKEN: TOKEN, TICK_MS: '50', CLIENT_DIR: join(dir2, 'none') })
    const c: Client = connect(s.url, { transports: ['websocket'], reconnection: false })
    await new Promise<void>((r) => c.once('connect', () => r()))
    const bye = new Promise<Goodbye>((r) => c.once('bye', r))
    const disconnected = new Promise<string>((r) => c.once('disconnect', r))
    const started = Date.now()
    await s.close()
    // Told when to come back before the server closes the connection.
    expect(await bye).toEqual({ retryAfterMs: expect.any(Number), spreadMs: expect.any(Number) })
    expect(['io server disconnect', 'transport close']).toContain(await disconnected)
    expect(Date.now() - started).toBeLessThan(3000)
    rmSync(dir2, { recursive: true, force: true })
  })
})
