import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../shared/kpi-types.ts'
import { startServer, type RunningServer } from '../server/main.ts'
import { DAY_MS, startOfDay } from '../shared/time-windows.ts'
import { runSession } from './session.ts'
import { createSimulator } from './simulator.ts'
import { readState } from './state.ts'
import { anshan } from './test-fixtures.ts'

describe('a backfill through a server restart and a simulator restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-resume-'))
  const env = { DATA_DIR: dir, INGEST_TOKEN: 'test-token', REGION_ROOT: '2103' }
  let server: RunningServer | undefined

  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('leaves the server with exactly the simulated stream: no gaps, no doubles', async () => {
    const now = Date.now()
    // Both windows fall inside the current month and `last7` even on the 1st or 2nd of a month.
    const from = Math.max(startOfDay(now) - 2 * DAY_MS, now - 6 * DAY_MS)
    const middle = from + (now - from) / 2
    server = await startServer({ ...env, PORT: '0' })
    const port = String(server.port)
    const stateFile = join(dir, 'simulator.json')
    const common = { url: server.url, token: 'test-token', tree: anshan, seed: 11, stateFile, gridDays: 0, batchSize: 500, log: () => {} }

    const first = runSession({ ...common, from, stopAt: middle })
    while (!(readState(stateFile)?.events ?? 0)) await new Promise((r) => setTimeout(r, 50))
    await server.close()
    await new Promise((r) => setTimeout(r, 300))
    server = await startServer({ ...env, PORT: port })
    const one = await first
    expect(one.stats.retries).toBeGreaterThan(0)
    expect(readState(stateFile)!.reached).toBe(middle)

    const two = await runSession({ ...common, stopAt: now }) // a new simulator process, resumed from the state file
    expect(two.stats.rejected + one.stats.rejected).toBe(0)
    expect(readState(stateFile)!.reached).toBe(now)

    const stream = createSimulator({ tree: anshan, seed: 11, from, gridFrom: Infinity }).take(now)
    const invalid = new Set(stream.filter((e) => e.type === 'request.invalidated').map((e) => (e as { requestId: string }).requestId))
    const accepted = stream.filter((e) => e.type === 'request.created' && !invalid.has(e.requestId)).length
    // 办结量: closes without 办结 (`outcome`) are not completions.
    const completed = stream.filter((e) => e.type === 'request.completed' && (e.outcome ?? 'resolved') === 'resolved').length
    const snap = (await (await fetch(`${server.url}/api/v1/regions/2103/snapshot`)).json()) as Snapshot
    expect(snap.windows.last7.accepted).toBe(accepted)
    expect(snap.windows.last7.completed).toBe(completed)
  }, 120_000)
})
