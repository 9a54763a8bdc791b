import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRegionPack } from './regions/load-pack.ts'
import { createViewerAuth } from './auth/viewer-auth.ts'
import { EnvSchema, parseEnv } from './config-schema.ts'
import { loadConfig } from './config.ts'
import { startChildServer } from './testing/child-server.ts'

/** Rows of the README's configuration table: variable → default cell. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5))
  const rows = new Map<string, string>()
  for (const line of section.split('\n')) {
    const m = /^\| `([A-Z_]+)` \| ([^|]*) \|/.exec(line)
    if (m) rows.set(m[1], m[2].trim())
  }
  return rows
}

describe('configuration', () => {
  it('documents every variable of the schema in the README, and nothing else', () => {
    const rows = readmeTable()
    expect([...rows.keys()].sort()).toEqual(Object.keys(EnvSchema.properties).sort())
    for (const [name, schema] of Object.entries(EnvSchema.properties)) {
      const def = (schema as { default?: unknown }).default
      if (def !== undefined) expect(rows.get(name), name).toBe(`\`${def}\``)
    }
  })

  it('gives the defaults without any variable', () => {
    const c = loadConfig({})
    expect([c.port, c.host, c.tickMs, c.maxBatch, c.dedupeDays, c.storeUnhealthyMs, c.rateLimitMax]).toEqual([8890, '127.0.0.1', 1000, 5000, 400, 60_000, 600])
    expect(c.allowAnonymous).toBe(true)
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be integer'],
    [{ TICK_MS: '5' }, 'TICK_MS must be >= 10'],
    [{ DEDUPE_DAYS: '0' }, 'DEDUPE_DAYS must be >= 1'],
    [{ STORE_UNHEALTHY_SECONDS: '1.5' }, 'STORE_UNHEALTHY_SECONDS must be integer'],
    [{ ALLOW_ANONYMOUS: 'maybe' }, 'ALLOW_ANONYMOUS must match pattern'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must match pattern'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must match pattern'],
    [{ REGION_ROOT: '21030' }, 'REGION_ROOT must match pattern'],
    [{ FEED_LEARN_DAYS: '0' }, 'FEED_LEARN_DAYS must be >= 1'],
    [{ HOST: '0.0.0.0' }, 'INGEST_TOKEN must be set'],
    [{ ALLOWED_ORIGINS: 'https://wall.example.gov.cn/path' }, 'ALLOWED_ORIGINS: "https://wall.example.gov.cn/path" is not an origin'],
    [{ VIEW_TOKENS: 't4=210302,t4=*' }, 'VIEW_TOKENS: token "t4…" appears twice'],
    [{ VIEW_TOKENS: 'tok=en=210302' }, 'VIEW_TOKENS: "tok=en=210302" is not token=regionCode'],
    [{ VIEW_TOKENS: 'a=210302,=2103' }, 'VIEW_TOKENS: "=2103" is not token=regionCode'],
    [{ VIEW_TOKENS: 'a b=2103' }, 'VIEW_TOKENS: "a b=2103" is not token=regionCode'],
    [{ VIEW_TOKENS: 'a=tiedong' }, 'VIEW_TOKENS: "a=tiedong" is not token=regionCode'],
  ])('refuses %o: %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('refuses a viewer token bound to a region outside the pack, naming it', () => {
    const tree = loadRegionPack('2103')
    const config = loadConfig({ VIEW_TOKENS: 'ok=210302,t3=999999' })
    expect(() => createViewerAuth(config.viewTokens, false, tree)).toThrow('VIEW_TOKENS: region 999999 of token "t3…" is not in the region pack (root 2103)')
    expect(() => createViewerAuth(loadConfig({ VIEW_TOKENS: 'ok=210302,all=*,alias=210300' }).viewTokens, false, tree)).not.toThrow()
  })

  it('treats empty variables as unset and ignores variables it does not know', () => {
    expect(parseEnv({ PORT: '', PATH: '/usr/bin', TICK_MS: '250' })).toMatchObject({ PORT: 8890, TICK_MS: 250 })
  })

  it('stops `npm run server` with the message, before opening the store', async () => {
    for (const [env, message] of [
      [{ VIEW_TOKENS: 't4=210302,t4=*' }, 'yiwang: VIEW_TOKENS: token "t4…" appears twice'],
      [{ VIEW_TOKENS: 't3=999999' }, 'yiwang: VIEW_TOKENS: region 999999 of token "t3…" is not in the region pack (root 2103)'],
      [{ TICK_MS: 'fast' }, 'yiwang: invalid configuration: TICK_MS must be integer'],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'yiwang-config-'))
      try {
        await expect(startChildServer({ DATA_DIR: join(dir, 'data'), ...env }, 30_000)).rejects.toThrow(message)
        // Refused before the store opened: no data folder was made.
        expect(existsSync(join(dir, 'data'))).toBe(false)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }, 90_000)
})
