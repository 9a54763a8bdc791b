/**
 * A disk that fills up under the embedded store (a small tmpfs: needs root, as CI runs): appends
 * are refused with 503 and nothing false is acknowledged, /readyz says why, /healthz fails once
 * the store has been broken longer than the limit, and the store takes writes again by itself
 * when the disk has room. After kill -9 every acknowledged event is there.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { startChildServer, type ChildServer } from '../testing/child-server.ts'
import { createdEvent, TOKEN } from '../testing/test-app.ts'

const mnt = mkdtempSync(join(tmpdir(), 'yiwang-full-'))
const filler = join(mnt, 'filler')
const servers: ChildServer[] = []

beforeAll(() => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mnt])
})
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL')
  execFileSync('umount', ['-l', mnt])
  rmSync(mnt, { recursive: true, force: true })
})

const COMMUNITIES = ['210302002001', '210302002003', '210303002001', '210303002002']
let seq = 0
function batch(n: number): ReturnType<typeof createdEvent>[] {
  const at = new Date(Date.now() - 60_000).toISOString()
  return Array.from({ length: n }, () => {
    const k = seq++
    return createdEvent(`H${k}`, at, { id: `h-${k}`, region: COMMUNITIES[k % 4], summary: '小区门口路灯不亮，晚上出行不便，请尽快维修'.repeat(4) })
  })
}

async function post(url: string, events: unknown[]): Promise<Response> {
  return fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  })
}

async function until(what: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('embedded store on a disk that fills up', () => {
  it('refuses, says why, heals by itself, and loses nothing acknowledged', async () => {
    const env = { DATA_DIR: join(mnt, 'data'), INGEST_TOKEN: TOKEN, TICK_MS: '200', STORE_UNHEALTHY_SECONDS: '2', CHECKPOINT_SECONDS: '1' }
    const server = await startChildServer(env)
    servers.push(server)
    // Leave about 1 MB free.
    const { bavail, bsize } = statfsSync(mnt)
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 1024 * 1024)))

    let acknowledged = 0
    let refused: unknown[] | null = null
    for (let i = 0; i < 200 && !refused; i++) {
      const events = batch(200)
      const res = await post(server.url, events)
      if (res.status === 200) acknowledged += ((await res.json()) as { accepted: number }).accepted
      else {
        expect(res.status).toBe(503)
        expect(res.headers.get('retry-after')).toBeTruthy()
        refused = events
      }
    }
    expect(refused, 'the disk never filled').not.toBeNull()
    expect(acknowledged).toBeGreaterThan(0)

    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(((await ready.json()) as { reason: string }).reason).toMatch(/full|disk|space/i)
    await until(async () => (await fetch(`${server.url}/healthz`)).status === 503, 10_000)
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { reason: string }
    expect(health.reason).toMatch(/refused writes/)

    // Room again: the store heals without a restart, and the refused batch goes in.
    rmSync(filler)
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, 40_000)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const retry = await post(server.url, refused!)
    expect(retry.status).toBe(200)
    acknowledged += ((await retry.json()) as { accepted: number }).accepted

    await server.stop('SIGKILL')
    const again = await startChildServer(env)
    servers.push(again)
    const snap = (await (await fetch(`${again.url}/api/v1/regions/2103/snapshot`)).json()) as Snapshot
    expect(snap.windows.today.accepted).toBe(acknowledged)
  }, 120_000)
})
