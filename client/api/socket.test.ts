import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server/main.ts'
import { TOKEN } from '../../server/testing/test-app.ts'
import { connectWallSocket, DEFAULT_GOODBYE, RECONNECT, retryDelay, serverDropDelay, type WallSocket } from './socket.ts'

describe('serverDropDelay', () => {
  it('waits the time the server named, at a random point of its spread', () => {
    const bye = { retryAfterMs: 1000, spreadMs: 4000 }
    expect(serverDropDelay(bye, () => 0)).toBe(1000)
    expect(serverDropDelay(bye, () => 0.5)).toBe(3000)
    expect(serverDropDelay(null, () => 0.999)).toBeLessThan(DEFAULT_GOODBYE.retryAfterMs + DEFAULT_GOODBYE.spreadMs)
  })
})

describe('retryDelay', () => {
  it('draws from 0 to a bound of 250 ms doubling to 2 s, the stopping server\'s spread after a goodbye, 5 s in a long outage', () => {
    expect([0, 1, 2, 3, 4, 11, 12, 1000].map((k) => retryDelay(k, () => 1))).toEqual([250, 500, 1000, 2000, 2000, 2000, 5000, 5000])
    expect([0, 3, 11, 12].map((k) => retryDelay(k, () => 1, 2500))).toEqual([2500, 2500, 2500, 5000])
    expect(retryDelay(0, () => 1, 0)).toBe(RECONNECT.baseMs)
    expect(retryDelay(5, () => 0)).toBe(RECONNECT.minMs)
    // At the bound the delays stay spread over all of it (Socket.IO's own backoff gave every wall exactly its bound).
    const late = Array.from({ length: 100 }, (_, i) => retryDelay(8, () => 0.05 + i / 105))
    expect(new Set(late).size).toBe(100)
    expect(Math.min(...late)).toBeLessThan(0.06 * RECONNECT.maxMs)
    expect(Math.max(...late)).toBeGreaterThan(0.95 * RECONNECT.maxMs)
  })
})

describe('a wall across a server restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-bye-'))
  let server: RunningServer | null = null
  let socket: WallSocket | null = null
  const start = (port = 0) => startServer({ PORT: String(port), DATA_DIR: dir, INGEST_TOKEN: TOKEN, TICK_MS: '100', CLIENT_DIR: join(dir, 'none') })
  afterAll(async () => {
    socket?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('comes back at the time the stopping server named, not at once', async () => {
    server = await start()
    const port = server.port
    // The random point of the spread is its start: the wall reconnects 1 s after the goodbye.
    socket = connectWallSocket(server.url, () => 0)
    await new Promise<void>((r) => socket!.once('connect', () => r()))
    let byeAt = 0
    let hint = 0
    socket.once('bye', (b) => {
      byeAt = Date.now()
      hint = b.retryAfterMs
    })
    // Every attempt opens a new engine connection; none may start before the hint.
    const attempts: number[] = []
    socket.io.on('open', () => attempts.push(Date.now()))
    socket.on('connect_error', () => attempts.push(Date.now()))
    await server.close()
    server = await start(port)
    const back = await new Promise<number>((r) => socket!.once('connect', () => r(Date.now())))
    expect(byeAt).toBeGreaterThan(0)
    // The hint is this server's start and 1 s for the stop (server/push/pusher.ts comeBackAfter).
    expect(hint).toBeGreaterThanOrEqual(1000)
    expect(back - byeAt).toBeGreaterThanOrEqual(hint - 50)
    expect(back - byeAt).toBeLessThan(hint + 2000)
    expect(attempts.filter((t) => t - byeAt < hint - 50)).toEqual([])
  })

  it('retries within 1 s of a server that comes back later than it said', async () => {
    const port = server!.port
    let hint = 0
    socket!.once('bye', (b) => (hint = b.retryAfterMs))
    await server!.close()
    server = null
    let failed = 0
    socket!.on('connect_error', () => failed++)
    // Down well past the hint: the wall's attempts fail, and it keeps trying at the bound.
    await new Promise((r) => setTimeout(r, hint + 1500))
    expect(failed).toBeGreaterThan(0)
    server = await start(port)
    const ready = Date.now()
    const back = await new Promise<number>((r) => socket!.once('connect', () => r(Date.now())))
    // Attempts every 50 ms (the random source gives the start of each draw): back well within 1 s.
    expect(back - ready).toBeLessThan(1000)
  })
})
