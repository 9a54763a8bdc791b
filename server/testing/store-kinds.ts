/** Both stores for tests that must hold for each: a fresh embedded store folder, or a fresh Redis key prefix. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { uniquePrefix } from '../../test/redis/redis-server.ts'
import type { EventStore } from '../store/event-store.ts'
import { redisOptionsFromEnv } from '../store/redis-options.ts'
import { RedisStore } from '../store/redis-store.ts'
import { SqliteStore } from '../store/sqlite-store.ts'

/** A store kind: `setup` gives a factory (each call opens the same data again, as after a restart) and a cleanup. */
export interface StoreKind {
  name: string
  setup(): { store: () => EventStore; cleanup: () => Promise<void> }
}

/** The embedded store on `clock`, and Redis at the URL `redisUrl()` gives when set up. */
export function storeKinds(name: string, clock: () => number, redisUrl: () => string): StoreKind[] {
  return [
    {
      name: 'embedded (SQLite)',
      setup() {
        const dir = mkdtempSync(join(tmpdir(), `yiwang-${name}-`))
        return { store: () => new SqliteStore(dir, { clock }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
      },
    },
    {
      name: 'redis',
      setup() {
        const prefix = uniquePrefix(name)
        return {
          store: () => new RedisStore(redisOptionsFromEnv(redisUrl(), prefix, {})),
          cleanup: async () => {
            const r = new Redis(redisUrl())
            const keys = await r.keys(`{${prefix}}:*`)
            if (keys.length) await r.del(...keys)
            r.disconnect()
          },
        }
      },
    },
  ]
}
