import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore } from './sqlite-store.ts'
import { describeStoreContract } from './store-contract.ts'

describeStoreContract('embedded (SQLite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-store-'))
  return {
    store: new SqliteStore(dir),
    reopen: async () => new SqliteStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
})
