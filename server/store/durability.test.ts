import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { startChildServer, type ChildServer } from '../testing/child-server.ts'
import { createdEvent, lifeEvent, TOKEN } from '../testing/test-app.ts'

const dir = mkdtempSync(join(tmpdir(), 'yiwang-kill-'))
const servers: ChildServer[] = []
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const REGIONS = ['2103', '210302', '210303', '210302002', '210302002001', '210302002001001']
const COMMUNITIES = ['210302002001', '210302002003', '210303002001', '210303002002']
const CATS = ['供暖', '供水', '物业管理', '噪音扰民']

/** A batch of realistic events: creations across communities, with completions and visits for some. */
function batch(n: number, b: number): unknown[] {
  const now = Date.now()
  const out: unknown[] = []
  for (let i = 0; i < n; i++) {
    const id = `K${b}-${i}`
    const at = new Date(now - (i % 50) * 60_000).toISOString()
    out.push(createdEvent(id, at, { id: `c-${id}`, region: COMMUNITIES[i % 4], category: CATS[i % 4], urgency: i % 7 ? 'normal' : 'urgent' }))
    if (i % 3 === 0) out.push(lifeEvent('request.completed', id, new Date(now).toISOString(), { id: `d-${id}` }))
    if (i % 6 === 0) out.push(lifeEvent('request.visited', id, new Date(now).toISOString(), { id: `v-${id}`, satisfaction: 'satisfied' }))
  }
  return out
}

/** The position the latest checkpoint covers (0 without one) and the last batch of the log. */
function positions(): { checkpoint: number; last: number } {
  const db = new Database(join(dir, 'yiwang.db'), { readonly: true, fileMustExist: true })
  try {
    const cursor = db.prepare(`SELECT v FROM meta WHERE k = 'cursor'`).get() as { v: number } | undefined
    const last = db.prepare('SELECT max(seq) AS s FROM log').get() as { s: number | null }
    return { checkpoint: cursor?.v ?? 0, last: last.s ?? 0 }
  } finally {
    db.close()
  }
}

async function snapshots(url: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const r of REGIONS) {
    const s = (await (await fetch(`${url}/api/v1/regions/${r}/snapshot`)).json()) as Snapshot
    out[r] = { ...s, asOf: 0, lastEventAt: 0 }
  }
  return out
}

describe('embedded store durability', () => {
  it('keeps every acknowledged event across kill -9, with and without a checkpoint', async () => {
    const env = { DATA_DIR: dir, INGEST_TOKEN: TOKEN, TICK_MS: '100', CHECKPOINT_SECONDS: '1' }
    const first = await startChildServer(env)
    servers.push(first)
    let acknowledged = 0
    for (let b = 0; b < 6; b++) {
      const res = await fetch(`${first.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch(300, b)),
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { accepted: number; rejected: unknown[] }
      expect(body.rejected).toEqual([])
      acknowledged += body.accepted
      // A checkpoint between batches, so the restart reads a checkpoint plus (most likely) a log tail.
      if (b === 2) await vi.waitFor(() => expect(positions().checkpoint).toBeGreaterThan(0), { timeout: 10_000, interval: 50 })
    }
    expect(acknowledged).toBe(6 * (300 + 100 + 50))
    const before = await snapshots(first.url)
    expect((before['2103'] as Snapshot).windows.today.accepted).toBe(1800)
    await first.stop('SIGKILL')
    const killed = positions()
    expect(killed.checkpoint).toBeGreaterThan(0)
    expect(killed.checkpoint).toBeLessThanOrEqual(killed.last)

    const second = await startChildServer(env)
    servers.push(second)
    expect(await snapshots(second.url)).toEqual(before)
    // A resend after the restart is recognised as duplicates.
    const again = await fetch(`${second.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch(300, 0)),
    })
    expect(((await again.json()) as { duplicates: number }).duplicates).toBe(450)
    await second.stop('SIGTERM')

    const third = await startChildServer(env)
    servers.push(third)
    expect(await snapshots(third.url)).toEqual(before)
  }, 120_000)
})
