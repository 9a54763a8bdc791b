import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../testing/test-app.ts'

/** Holds the event loop for `ms`, as a long synchronous task (or a starved process) does. */
function hold(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // Busy.
  }
}
const turn = () => new Promise((r) => setImmediate(r))

describe('the event-loop guard (EVENT_LOOP_MAX_MS)', () => {
  let t: TestApp | null = null
  afterEach(async () => {
    await t?.close()
    t = null
  })

  it('does not refuse requests after delays under the limit, even when no delay sample was taken meanwhile', async () => {
    t = await buildTestApp({ env: { EVENT_LOOP_MAX_MS: '5000' } })
    // Two holds of 1.1 s back to back: the second one spans a whole sampling interval in which
    // the loop took no sample, which the guard must not read as an infinite delay.
    hold(1100)
    await turn()
    hold(1100)
    await turn()
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/meta' })
      expect(res.statusCode, res.body).toBe(200)
      await new Promise((r) => setTimeout(r, 50))
    }
  })

  it('refuses with 503 right after a delay over the limit, and recovers', async () => {
    t = await buildTestApp({ env: { EVENT_LOOP_MAX_MS: '200' } })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode).toBe(200)
    hold(700)
    await new Promise((r) => setTimeout(r, 5))
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/meta' })
    expect(res.statusCode).toBe(503)
    expect(res.json().error).toMatch(/overloaded/)
    const deadline = performance.now() + 5000
    let status = 503
    while (status === 503 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      status = (await t.app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode
    }
    expect(status).toBe(200)
  })
})
