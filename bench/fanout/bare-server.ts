/**
 * The floor of the fan-out benchmark: a bare Socket.IO server with the same rooms, subscribe/ack
 * and frame rate as the real one, sending frames of the sizes the real one sent (padding), with
 * no store, no aggregation and no deltas. Ingest acks at once. Prints `ready <port>` when listening.
 * Sizes come as JSON in SIZES: { ack: {level: bytes}, frame: {level: bytes} }.
 */
import { createServer } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Server } from 'socket.io'
import { beatDue } from '../../shared/socket-contract.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { chainOf, levelOf } from './regions.ts'

const TICK_MS = Number(process.env.TICK_MS ?? 1000)
const sizes: { ack: Record<string, number>; frame: Record<string, number> } = JSON.parse(process.env.SIZES ?? '{"ack":{},"frame":{}}')
const pad = (n: number) => 'x'.repeat(Math.max(0, Math.round(n)))
const eld = monitorEventLoopDelay({ resolution: 10 })
eld.enable()

const pending = new Map<string, TickerItem[]>()
const lastSent = new Map<string, [tick: number, at: number]>()
let tick = 0
let lastEventAt: number | null = null

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/api/v1/events') {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      const events = JSON.parse(body) as { requestId: string; region: string; at: string; category: string; summary?: string }[]
      for (const e of events) {
        lastEventAt = Date.now()
        const item = { requestId: e.requestId, at: Date.parse(e.at), region: e.region, place: '铁东区 · 某街道 · 某社区', category: e.category, channel: 'hotline', urgency: 'normal', summary: e.summary ?? null, location: null } as TickerItem
        for (const code of chainOf(e.region)) {
          if (!io.of('/').adapter.rooms.has('r:' + code)) continue
          let list = pending.get(code)
          if (!list) pending.set(code, (list = []))
          list.push(item)
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: events.length, duplicates: 0, rejected: [] }))
    })
  } else if (req.url === '/stats') {
    const mem = process.memoryUsage()
    const cpu = process.cpuUsage()
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ heapUsed: mem.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000, eldP99Ms: eld.percentile(99) / 1e6, eldMaxMs: eld.max / 1e6, sockets: io.of('/').sockets.size }),
    )
    eld.reset()
  } else res.writeHead(404).end()
})
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000 })
let seq = 1
io.on('connection', (socket) => {
  socket.on('subscribe', (p: { region: string }, ack: (r: unknown) => void) => {
    void socket.join('r:' + p.region)
    ack({ ok: true, data: { seq, snapshot: { region: p.region, pad: pad(sizes.ack[levelOf(p.region)] ?? 0) } } })
  })
})
setInterval(() => {
  tick++
  const at = Date.now()
  for (const room of io.of('/').adapter.rooms.keys()) {
    if (!room.startsWith('r:')) continue
    const code = room.slice(2)
    const items = pending.get(code)
    const [sentTick, sentAt] = lastSent.get(code) ?? [0, 0]
    if (!items && !beatDue(tick - sentTick, performance.now() - sentAt)) continue
    lastSent.set(code, [tick, performance.now()])
    const frame: Record<string, unknown> = { region: code, at, lastEventAt, storeHealthy: true }
    if (items) {
      frame.ticker = items
      const base = JSON.stringify(['frame', frame]).length + 40
      frame.kpi = { base: seq, seq: ++seq, patch: { pad: pad((sizes.frame[levelOf(code)] ?? 0) - base) } }
    }
    io.to(room).emit('frame', frame)
  }
  pending.clear()
}, TICK_MS)
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = http.address()
  console.log(`ready ${typeof addr === 'object' && addr ? addr.port : 0}`)
})
// Stops as the server does: tells the walls when to come back, then closes their connections.
process.on('SIGTERM', () => {
  io.emit('bye', { retryAfterMs: 1000, spreadMs: 4000 })
  io.disconnectSockets(true)
  http.close()
  setTimeout(() => process.exit(0), 100)
})
