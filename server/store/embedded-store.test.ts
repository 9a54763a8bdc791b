import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EmbeddedStore } from './embedded-store.ts'
import { describeStoreContract } from './store-contract.ts'

describeStoreContract('embedded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-store-'))
  return {
    store: new EmbeddedStore(dir),
    reopen: async () => new EmbeddedStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
})
