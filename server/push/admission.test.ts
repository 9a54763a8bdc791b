import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { admitHandshakes } from './admission.ts'
import type { YiwangServer } from './socket-server.ts'

let http: HttpServer
let io: YiwangServer
const clients: Socket[] = []
afterEach(async () => {
  for (const c of clients) c.close()
  await new Promise<void>((r) => io.close(() => r()))
})

/** A Socket.IO server whose connection handler takes `holdMs` before it completes a handshake. */
async function start(maxPending: number, holdMs: number, inner?: (ok: boolean) => boolean) {
  http = createServer()
  io = new Server(http) as unknown as YiwangServer
  if (inner) io.engine.opts.allowRequest = (_req, done) => done(null, inner(true))
  admitHandshakes(io, { maxPending })
  io.use((_socket, next) => void setTimeout(next, holdMs))
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
}
const attempt = (url: string, reconnection = false) => {
  const c = connect(url, { transports: ['websocket'], reconnection, reconnectionDelay: 50, reconnectionDelayMax: 100 })
  clients.push(c)
  return c
}
const outcome = (c: Socket) => new Promise<string>((r) => (c.once('connect', () => r('connected')), c.once('connect_error', (e) => r(e.message))))

describe('handshake admission', () => {
  it('refuses new handshakes at once beyond the limit in progress, and takes them again once those complete', async () => {
    const url = await start(2, 300)
    const first = Array.from({ length: 6 }, () => attempt(url))
    const results = await Promise.all(first.map(outcome))
    expect(results.filter((r) => r === 'connected')).toHaveLength(2)
    expect(results.filter((r) => r !== 'connected')).toHaveLength(4)
    // Retrying with a backoff, every wall gets in.
    const retried = Array.from({ length: 6 }, () => attempt(url, true))
    await Promise.all(retried.map((c) => new Promise<void>((r) => c.once('connect', () => r()))))
    expect(retried.every((c) => c.connected)).toBe(true)
  })

  it('leaves the decision to an allowRequest already set', async () => {
    const url = await start(10, 0, () => false)
    expect(await outcome(attempt(url))).not.toBe('connected')
  })
})
