/**
 * A load process of the fan-out benchmark: opens walls (Socket.IO clients, WebSocket only) on
 * the regions it is given, subscribes them, and records every frame: bytes, frames, and the time
 * each ticker item arrived. Driven over IPC by bench/fanout.ts.
 */
import { io, type Socket } from 'socket.io-client'
import { deltaFit } from '../../shared/snapshot-feed.ts'
import type { ClientToServerEvents, Frame, ServerToClientEvents } from '../../shared/socket-contract.ts'
import { connectWallSocket } from '../../client/api/socket.ts'
import { levelOf } from './regions.ts'

type Wall = Socket<ServerToClientEvents, ClientToServerEvents>
export type WallsCommand =
  | { cmd: 'open'; url: string; regions: string[]; concurrency: number; reconnect: boolean }
  | { cmd: 'measure' }
  | { cmd: 'report' }
  | { cmd: 'resubscribed' }
  | { cmd: 'close' }
export interface WallsReport {
  type: 'report'
  /** requestId → arrival times (ms, performance.timeOrigin-based) at every wall that got it. */
  arrivals: Record<string, number[]>
  bytes: number
  frames: number
  /** level → [frames, bytes] of frames with a kpi delta. */
  byLevel: Record<string, [number, number]>
  gaps: number
  /** Subscribe acks since `measure`: arrival times. */
  resubscribed: number[]
  connected: number
  cpuMs: number
}

const now = () => performance.timeOrigin + performance.now()
const send = (m: object) => process.send!(m)
const walls: Wall[] = []
let measuring = false
let arrivals: Record<string, number[]> = {}
let bytes = 0
let frames = 0
let byLevel: Record<string, [number, number]> = {}
let gaps = 0
let resubscribed: number[] = []
let reconnected: number[] = []
let transportOpen: number[] = []
let connectErrors = 0
let cpu = process.cpuUsage()

function open(url: string, region: string, reconnect: boolean): Promise<boolean> {
  // The wall's own socket (its reconnect policy and goodbye handling), or a plain one that stays down.
  const socket: Wall = reconnect ? connectWallSocket(url) : io(url, { transports: ['websocket'], reconnection: false, timeout: 20_000 })
  walls.push(socket)
  let seq: number | null = null
  const subscribe = () =>
    new Promise<boolean>((resolve) =>
      socket.timeout(30_000).emit('subscribe', { region }, (err, res) => {
        if (err || !res.ok) return resolve(false)
        seq = res.data.seq
        if (measuring) resubscribed.push(now())
        resolve(true)
      }),
    )
  socket.io.on('open', () => measuring && transportOpen.push(now()))
  socket.io.on('open', () =>
    socket.io.engine.on('data', (d: string | Buffer) => {
      if (!measuring) return
      const n = typeof d === 'string' ? Buffer.byteLength(d) : d.length
      bytes += n
      // Frames that carry a delta, by level (the bare server pads its frames to these sizes).
      const m = typeof d === 'string' && d.includes('"kpi":') ? /"region":"(\d+)"/.exec(d.slice(0, 60)) : null
      if (m) {
        const l = (byLevel[levelOf(m[1])] ??= [0, 0])
        l[0]++
        l[1] += n
      }
    }),
  )
  socket.on('frame', (f: Frame) => {
    // The version is followed from the subscription on, also before measuring (else the first
    // delta measured after an unmeasured one would count as a gap).
    const fit = f.kpi && typeof f.kpi.base === 'number' ? deltaFit(seq, f.kpi) : null
    if (fit === 'apply') seq = f.kpi!.seq
    if (!measuring) return
    frames++
    const t = now()
    if (f.ticker) for (const item of f.ticker) (arrivals[item.requestId] ??= []).push(t)
    if (fit === 'gap') gaps++
  })
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => {
      socket.on('connect', () => {
        if (measuring) reconnected.push(now())
        void subscribe()
      })
      socket.on('connect_error', () => measuring && connectErrors++)
      void subscribe().then(resolve)
    })
    socket.once('connect_error', () => resolve(false))
  })
}

process.on('message', async (m: WallsCommand) => {
  if (m.cmd === 'open') {
    let next = 0
    let ok = 0
    await Promise.all(
      Array.from({ length: m.concurrency }, async () => {
        while (next < m.regions.length) if (await open(m.url, m.regions[next++], m.reconnect)) ok++
      }),
    )
    send({ type: 'opened', ok })
  } else if (m.cmd === 'measure') {
    arrivals = {}
    bytes = frames = gaps = 0
    byLevel = {}
    resubscribed = []
    reconnected = []
    transportOpen = []
    connectErrors = 0
    cpu = process.cpuUsage()
    measuring = true
    send({ type: 'measuring' })
  } else if (m.cmd === 'report') {
    measuring = false
    const c = process.cpuUsage(cpu)
    const report: WallsReport = { type: 'report', arrivals, bytes, frames, byLevel, gaps, resubscribed, connected: walls.filter((w) => w.connected).length, cpuMs: (c.user + c.system) / 1000 }
    send(report)
  } else if (m.cmd === 'resubscribed') {
    send({ type: 'resubscribed', times: resubscribed, connects: reconnected, opens: transportOpen, connectErrors })
  } else if (m.cmd === 'close') {
    for (const w of walls) w.close()
    process.exit(0)
  }
})
send({ type: 'up' })
