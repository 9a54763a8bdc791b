import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server/main.ts'
import { TOKEN } from '../../server/testing/test-app.ts'
import { connectWallSocket, DEFAULT_GOODBYE, serverDropDelay, type WallSocket } from './socket.ts'

describe('serverDropDelay', () => {
  it('waits the time the server named, at a random point of its spread', () => {
    const bye = { retryAfterMs: 1000, spreadMs: 4000 }
    expect(serverDropDelay(bye, () => 0)).toBe(1000)
    expect(serverDropDelay(bye, () => 0.5)).toBe(3000)
    expect(serverDropDelay(null, () => 0.999)).toBeLessThan(DEFAULT_GOODBYE.retryAfterMs + DEFAULT_GOODBYE.spreadMs)
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
    socket.once('bye', () => (byeAt = Date.now()))
    const attempts: number[] = []
    socket.io.on('reconnect_attempt', () => attempts.push(Date.now()))
    await server.close()
    server = await start(port)
    const back = await new Promise<number>((r) => socket!.once('connect', () => r(Date.now())))
    expect(byeAt).toBeGreaterThan(0)
    expect(back - byeAt).toBeGreaterThanOrEqual(950)
    expect(back - byeAt).toBeLessThan(4000)
    // No backoff attempts fired in between: the goodbye held the automatic reconnect back.
    expect(attempts.filter((t) => t - byeAt < 950)).toEqual([])
  })
})
