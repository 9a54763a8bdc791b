import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SqliteStore } from './sqlite-store.ts'
import { describe, expect, it } from 'vitest'
import type { StateRows } from './event-store.ts'
import { contractEvent, describeStoreContract } from './store-contract.ts'

describeStoreContract('embedded (SQLite)', async (settings) => {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-store-'))
  return {
    store: new SqliteStore(dir, settings),
    reopen: async () => new SqliteStore(dir, settings),
    keepsLogBehindCheckpoint: true,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
})

describe('embedded store: state rows', () => {
  it('drops the state rows of a refused checkpoint, so another engine never reads them as its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-store-'))
    try {
      let store = new SqliteStore(dir)
      await store.open(() => true, () => {})
      await store.append([contractEvent()])
      const rows: StateRows = {
        buckets: [{ kind: 0, period: 20_000, region: 7, v: Uint8Array.of(1, 0, 43, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 0) }],
        requests: [{ id: 'R1', hot: true, late: false, completed: null, v: '["R1"]' }],
        kv: [{ k: 'u:g|w', v: Uint8Array.of(1) }],
      }
      let given = false
      await store.saveCheckpoint(Uint8Array.of(9), () => (given ? null : ((given = true), rows)))
      await store.close()

      store = new SqliteStore(dir)
      await store.open(() => true, () => {})
      expect([...store.tables.hotRequests()]).toEqual(['["R1"]'])
      expect([...store.tables.kv('u:')]).toHaveLength(1)
      await store.close()

      store = new SqliteStore(dir)
      const replayed: string[] = []
      await store.open(() => false, (events) => replayed.push(...events.map((e) => e.id)))
      expect(replayed).toHaveLength(1)
      expect([...store.tables.hotRequests()]).toEqual([])
      expect([...store.tables.kv('u:')]).toEqual([])
      expect(store.tables.bucket(0, 20_000, 7)).toBeUndefined()
      await store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads a kv row by key, and a family a page at a time in key order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-store-'))
    try {
      const store = new SqliteStore(dir)
      await store.open(() => true, () => {})
      await store.append([contractEvent()])
      const keys = ['s:1', 's:10', 's:2', 's:11', 't:1', 'r:9']
      const rows: StateRows = { buckets: [], requests: [], kv: keys.map((k, i) => ({ k, v: Uint8Array.of(i) })) }
      let given = false
      await store.saveCheckpoint(Uint8Array.of(9), () => (given ? null : ((given = true), rows)))
      const t = store.tables
      expect(t.kvGet('s:10')).toEqual(Buffer.of(1))
      expect(t.kvGet('s:3')).toBeUndefined()
      const seen: string[] = []
      for (let after = 's:'; ; ) {
        const page = t.kvPage('s:', after, 3)
        if (!page.length) break
        seen.push(...page.map((r) => r.k))
        after = page[page.length - 1].k
      }
      expect(seen).toEqual(['s:1', 's:10', 's:11', 's:2'])
      await store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('embedded store: the log behind the state', () => {
  it('keeps at most LOG_KEEP_MB of received batches behind the state, and replays what it kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-store-'))
    try {
      let store = new SqliteStore(dir, { logKeepMb: 1 })
      await store.open(() => true, () => {})
      // 8 batches of ≈ 0.4 MB: 3.2 MB received today, all behind the state after the checkpoint.
      const summary = '供暖不热'.repeat(100)
      for (let b = 0; b < 8; b++) {
        await store.append(Array.from({ length: 300 }, (_, i) => ({ ...contractEvent(`b${b}-${i}`), summary })))
      }
      await store.saveCheckpoint(Uint8Array.of(1))
      await store.close()

      const db = new Database(join(dir, 'yiwang.db'), { readonly: true })
      const kept = db.prepare('SELECT count(*) AS n, sum(octet_length(body)) AS bytes FROM log').get() as { n: number; bytes: number }
      db.close()
      const batchBytes = kept.bytes / kept.n
      expect(batchBytes).toBeGreaterThan(300_000)
      expect(kept.bytes).toBeLessThanOrEqual(1024 * 1024 + batchBytes)
      expect(kept.n).toBeGreaterThanOrEqual(2)
      expect(kept.n).toBeLessThan(8)

      // A refused checkpoint rebuilds the state from the batches kept, and only those.
      store = new SqliteStore(dir, { logKeepMb: 1 })
      const replayed: string[] = []
      await store.open(() => false, (events) => replayed.push(...events.map((e) => e.id)))
      expect(replayed).toHaveLength(kept.n * 300)
      expect(replayed.at(-1)).toBe('b7-299')
      await store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
