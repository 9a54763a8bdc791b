import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io as connect, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import type { Ack, ClientToServerEvents, ServerToClientEvents, Subscription } from '../../shared/socket-contract.ts'
import { startServer, type RunningServer } from '../main.ts'
import { TOKEN } from '../testing/test-app.ts'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

let server: RunningServer | undefined
let dir = ''
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect()
  await server?.close()
  server = undefined
  rmSync(dir, { recursive: true, force: true })
})

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  dir = mkdtempSync(join(tmpdir(), 'yiwang-sock-sec-'))
  server = await startServer({ PORT: '0', DATA_DIR: dir, INGEST_TOKEN: TOKEN, TICK_MS: '1000', CLIENT_DIR: join(dir, 'none'), ...env })
  return server
}

/** Connects; resolves with the client once connected, or with the server's refusal. */
function open(opts: { origin?: string; token?: string } = {}): Promise<{ client: Client; error?: string }> {
  const client: Client = connect(server!.url, {
    transports: ['websocket'],
    reconnection: false,
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.origin ? { origin: opts.origin } : {},
  })
  clients.push(client)
  return new Promise((resolve) => {
    client.once('connect', () => resolve({ client }))
    client.once('connect_error', (err) => resolve({ client, error: err.message }))
  })
}
const subscribe = (c: Client, region: string) => new Promise<Ack<Subscription>>((resolve) => c.emit('subscribe', { region }, resolve))

describe('socket admission', () => {
  it('refuses a page of a foreign origin, accepts its own and the allowed ones', async () => {
    const s = await start({ ALLOWED_ORIGINS: 'https://wall.example.gov.cn' })
    expect((await open({ origin: 'http://evil.example' })).error).toBeDefined()
    expect((await open({ origin: 'null' })).error).toBeDefined()
    const own = await open({ origin: s.url })
    expect(own.error).toBeUndefined()
    expect((await subscribe(own.client, '2103')).ok).toBe(true)
    expect((await open({ origin: 'https://wall.example.gov.cn' })).error).toBeUndefined()
    // Not a browser: no Origin header.
    expect((await open()).error).toBeUndefined()
  })

  it('caps the connections open at once from one address', async () => {
    await start({ MAX_SOCKETS_PER_IP: '3' })
    const first = await Promise.all([open(), open(), open()])
    expect(first.map((r) => r.error)).toEqual([undefined, undefined, undefined])
    expect((await open()).error).toBeDefined()
    first[0].client.disconnect()
    await expect.poll(async () => (await open()).error, { timeout: 5000, interval: 200 }).toBeUndefined()
  })

  it('caps the regions one socket subscribes to, and never echoes a long region code', async () => {
    await start({ MAX_SUBSCRIPTIONS: '2' })
    const { client } = await open()
    expect((await subscribe(client, '2103')).ok).toBe(true)
    expect((await subscribe(client, '210302')).ok).toBe(true)
    // The same region again is no new subscription.
    expect((await subscribe(client, '2103')).ok).toBe(true)
    const third = await subscribe(client, '210303')
    expect(third).toEqual({ ok: false, error: 'at most 2 regions per connection; unsubscribe one first' })
    const long = await subscribe(client, '2'.repeat(900_000))
    expect(long.ok).toBe(false)
    expect(!long.ok && long.error.length).toBeLessThan(80)
    await new Promise<void>((r) => client.emit('unsubscribe', { region: '210302' }, () => r()))
    expect((await subscribe(client, '210303')).ok).toBe(true)
  })

  it('locks an address out of sockets after repeated wrong viewer tokens', async () => {
    await start({ AUTH_FAILURES_MAX: '3', VIEW_TOKENS: 'good-token=2103', ALLOW_ANONYMOUS: 'false' })
    for (let i = 0; i < 3; i++) expect((await open({ token: `wrong-${i}` })).error).toBe('invalid viewer token')
    expect((await open({ token: 'good-token' })).error).toMatch(/too many failed token checks/)
    const http = await fetch(`${server!.url}/api/v1/regions/2103`, { headers: { authorization: 'Bearer good-token' } })
    expect(http.status).toBe(429)
  })
})
