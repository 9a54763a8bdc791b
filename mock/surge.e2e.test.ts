import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Alert, AlertOf } from '../shared/alerts.ts'
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/socket-contract.ts'
import { startServer, type RunningServer } from '../server/main.ts'
import { buildCity } from './city.ts'
import { planScenario } from './scenarios.ts'
import { runSession } from './session.ts'
import { anshan } from './test-fixtures.ts'

describe('surge scenario against a real server', () => {
  let dir: string
  let server: RunningServer
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yiwang-surge-'))
    server = await startServer({ PORT: '0', DATA_DIR: dir, INGEST_TOKEN: 'test-token', REGION_ROOT: '2103', TICK_MS: '50' })
    socket = connect(server.url, { transports: ['websocket'] })
    const ack = await new Promise<{ ok: boolean }>((resolve) => socket.emit('subscribe', { region: '2103' }, resolve))
    expect(ack.ok).toBe(true)
  })

  afterAll(async () => {
    socket?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("raises the server's surge alert for the street hit by a heating failure", async () => {
    const alerts: Alert[] = []
    const surge = new Promise<AlertOf<'surge'>>((resolve) =>
      socket.on('alert', (a) => {
        alerts.push(a)
        if (a.kind === 'surge') resolve(a as AlertOf<'surge'>)
      }),
    )
    const now = Date.now()
    const plan = planScenario('surge', buildCity(anshan), now)
    const result = await runSession({
      url: server.url,
      token: 'test-token',
      tree: anshan,
      seed: 5,
      from: plan.start,
      stopAt: now,
      overlays: [plan.overlay!],
      noBackfill: true,
      speed: Infinity,
      log: () => {},
    })
    expect(result.stats.rejected).toBe(0)
    const alert = await surge
    expect(alert.params.category).toBe('供暖')
    expect(alert.params.count).toBeGreaterThan(alert.params.threshold)
    const street = plan.overlay!.tag.split('-')[1]
    expect(alerts.some((a) => a.kind === 'surge' && a.region === street)).toBe(true)
  }, 120_000)
})
