import { createServer } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { Server } from 'socket.io'
import { io as connect } from 'socket.io-client'
import { EncodedAck, encodeAcksOnce } from './encoded-ack.ts'

describe('encodeAcksOnce', () => {
  const io = new Server(createServer())
  afterAll(() => io.close())
  const plain = (packet: object) => new (Object.getPrototypeOf(io.encoder).constructor)().encode(packet)

  it('writes an EncodedAck as socket.io-parser writes the value it holds, and leaves other packets alone', () => {
    encodeAcksOnce(io)
    const value = { ok: true, data: { seq: 7, snapshot: { name: '铁东区', n: [1, 2, 3] } } }
    for (const nsp of ['/', '/admin']) {
      expect(io.encoder.encode({ type: 3, nsp, id: 12, data: [new EncodedAck(JSON.stringify(value))] })).toEqual(plain({ type: 3, nsp, id: 12, data: [value] }))
      expect(io.encoder.encode({ type: 3, nsp, id: 12, data: [value] })).toEqual(plain({ type: 3, nsp, id: 12, data: [value] }))
      expect(io.encoder.encode({ type: 2, nsp, data: ['frame', value] })).toEqual(plain({ type: 2, nsp, data: ['frame', value] }))
    }
  })

  it('reaches a client as the value', async () => {
    const http = createServer()
    const server = new Server(http)
    encodeAcksOnce(server)
    server.on('connection', (s) => s.on('hello', (_: unknown, ack: (r: unknown) => void) => ack(new EncodedAck('{"ok":true,"data":"你好"}'))))
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()))
    const addr = http.address() as { port: number }
    const c = connect(`http://127.0.0.1:${addr.port}`, { transports: ['websocket'] })
    try {
      expect(await c.timeout(5000).emitWithAck('hello', {})).toEqual({ ok: true, data: '你好' })
    } finally {
      c.close()
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
