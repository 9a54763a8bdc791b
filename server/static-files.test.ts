import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from './testing/test-app.ts'

let t: TestApp | undefined
let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yiwang-static-'))
})
afterEach(async () => {
  await t?.close()
  t = undefined
  rmSync(dir, { recursive: true, force: true })
})

describe('the wall files', () => {
  it('serves hashed assets as immutable and the page for revalidation', async () => {
    // Under a folder named `assets` itself: only the client's own assets/ are immutable.
    const client = join(dir, 'assets', 'client')
    mkdirSync(join(client, 'assets'), { recursive: true })
    writeFileSync(join(client, 'index.html'), '<!doctype html><div id="app"></div>')
    writeFileSync(join(client, 'assets', 'index-AbC123.js'), 'export {}')
    t = await buildTestApp({ dir: join(dir, 'data'), env: { CLIENT_DIR: client } })

    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-AbC123.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')

    for (const url of ['/wall/2103', '/index.html']) {
      const page = await t.app.inject({ method: 'GET', url })
      expect(page.statusCode, url).toBe(200)
      expect(page.body).toContain('<div id="app">')
      expect(page.headers['cache-control'], url).toBe('no-cache')
    }
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing-1.js' })).statusCode).toBe(404)
  })
})
