import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
})
