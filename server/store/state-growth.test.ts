/**
 * The old 2 GiB wall, scaled down: a checkpoint used to be one buffer of the whole state, so the
 * state could not outgrow the largest buffer a write takes. Here the state written to the
 * embedded store grows far beyond a lowered limit while no checkpoint comes near it, memory holds
 * only what the live wall needs, and a restart gives the same figures.
 */
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/kpi-types.ts'
import { DAY_MS } from '../../shared/time-windows.ts'
import { buildTestApp, createdEvent, lifeEvent, TOKEN, type TestApp } from '../testing/test-app.ts'

/** The wall, scaled down: no single write may come near it. */
const LIMIT = 2 * 1024 * 1024
const REQUESTS = 60_000

let app: TestApp | undefined
let dir = ''
afterAll(async () => {
  await app?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('state beyond the limit of one write', () => {
  it('grows past the limit in increments, holds little in memory, and restarts to the same figures', async () => {
    app = await buildTestApp({ env: { CHECKPOINT_ROWS: '3000' } })
    /** Bytes of each piece a checkpoint hands to the store: its header, then each slice of rows. */
    const payloads: number[] = []
    const checkpoints: number[] = []
    // Observe each checkpoint the app writes (the real store still writes it).
    const sqlite = await import('./sqlite-store.ts')
    const save = sqlite.SqliteStore.prototype.saveCheckpoint
    sqlite.SqliteStore.prototype.saveCheckpoint = function (state, rows) {
      payloads.push(state.byteLength)
      let total = state.byteLength
      const observed = rows && ((max: number) => {
        const slice = rows(max)
        if (!slice) return slice
        let n = 0
        for (const b of slice.buckets) n += 16 + (b.v?.byteLength ?? 0)
        for (const r of slice.requests) n += r.id.length + (r.v?.length ?? 0)
        for (const k of slice.kv) n += k.k.length + (k.v?.byteLength ?? 0)
        payloads.push(n)
        total += n
        return slice
      })
      return save.call(this, state, observed).finally(() => checkpoints.push(total))
    }
    try {
      const now = app.clock.now
      const tree = app.engine.tree
      const communities = tree.nodes.filter((n) => n.level === 'community').map((n) => n.code).filter((_, i) => i % 97 === 0)
      for (let b = 0; b < REQUESTS / 1000; b++) {
        const batch = []
        for (let i = 0; i < 1000; i++) {
          const k = b * 1000 + i
          const at = now - 300 * DAY_MS + (k / REQUESTS) * 299 * DAY_MS
          const id = `G${k}`
          batch.push(createdEvent(id, new Date(at).toISOString(), { region: communities[k % communities.length], summary: `第${k}件：楼道灯不亮` }))
          if (k % 50) batch.push(lifeEvent('request.completed', id, new Date(at + 3 * 3_600_000).toISOString()))
        }
        const res = await app.app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${TOKEN}` }, payload: batch })
        expect(res.statusCode, res.body).toBe(200)
        expect(res.json()).toMatchObject({ rejected: [], duplicates: 0 })
      }
      const before = (await app.app.inject({ url: '/api/v1/regions/2103/snapshot' })).json() as Snapshot
      await app.checkpoint()
      const inMemory = app.engine.agg.requests.size
      await app.app.close()

      const db = new Database(join(app.dir, 'yiwang.db'), { readonly: true })
      const stateBytes =
        (db.prepare('SELECT sum(length(v)) AS n FROM requests').get() as { n: number }).n +
        (db.prepare('SELECT sum(length(v)) AS n FROM buckets').get() as { n: number }).n
      db.close()
      console.log(`state ${stateBytes} B in the tables; ${checkpoints.length} checkpoints, largest ${Math.max(...checkpoints)} B, largest piece ${Math.max(...payloads)} B; ${inMemory} requests in memory`)
      expect(stateBytes).toBeGreaterThan(2 * LIMIT)
      expect(Math.max(...checkpoints)).toBeLessThan(LIMIT / 2)
      expect(Math.max(...payloads)).toBeLessThan(LIMIT / 4)
      // Open requests (1 in 50) and little else stay in memory.
      expect(inMemory).toBeLessThan(REQUESTS / 20)

      dir = app.dir
      const again = await buildTestApp({ dir, now: app.clock.now, env: { CHECKPOINT_ROWS: '3000' } })
      app = again
      const after = (await again.app.inject({ url: '/api/v1/regions/2103/snapshot' })).json() as Snapshot
      expect({ ...after, asOf: 0 }).toEqual({ ...before, asOf: 0 })
      expect(again.engine.agg.requests.size).toBeLessThan(REQUESTS / 20)
    } finally {
      sqlite.SqliteStore.prototype.saveCheckpoint = save
    }
  }, 240_000)
})
