import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DAY_MS, shanghaiMs } from '../shared/time-windows.ts'
import { writeNdjsonSharded, type FilePlan } from './file-mode.ts'
import { encodeNdjson } from './ndjson.ts'
import { createSimulator } from './simulator.ts'
import { anshan } from './test-fixtures.ts'

/** A writable that keeps everything written to it. */
function sink(): { out: Writable; bytes: () => Buffer } {
  const parts: Buffer[] = []
  const out = new Writable({
    highWaterMark: 1 << 16,
    write(chunk: Buffer, _enc, done) {
      parts.push(Buffer.from(chunk))
      // Asynchronous, so the merge meets back-pressure.
      setImmediate(done)
    },
  })
  return { out, bytes: () => Buffer.concat(parts) }
}

const from = shanghaiMs(2026, 1, 26)
const plan: FilePlan = { root: '2103', seed: 11, from, to: from + 12 * DAY_MS, gridFrom: from + 9 * DAY_MS }

describe('file mode (shards on worker threads, merged by time)', () => {
  it('writes exactly the events of one simulator, in time order, the same bytes every run', async () => {
    const a = sink()
    const n = await writeNdjsonSharded(plan, a.out)
    const text = a.bytes().toString('utf8')
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(n)

    // The same events as the simulator in one thread (shards are disjoint and cover the city).
    const sim = createSimulator({ tree: anshan, seed: plan.seed, from: plan.from, gridFrom: plan.gridFrom })
    const events = sim.take(plan.to)
    expect(n).toBe(events.length)
    expect(n).toBeGreaterThan(30_000)
    const single = encodeNdjson(events).toString('utf8').split('\n')
    single.pop()
    expect([...lines].sort()).toEqual([...single].sort())

    // In time order; grid shifts and requests of both shards interleave.
    const times = lines.map((l) => Date.parse((JSON.parse(l) as { at: string }).at))
    for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) expect.fail(`line ${i + 1} goes back in time`)
    expect(lines.some((l) => l.includes('"grid.patrol"'))).toBe(true)

    // Deterministic: ties between shards are broken by shard, not by thread timing.
    const b = sink()
    await writeNdjsonSharded(plan, b.out)
    expect(b.bytes().equals(a.bytes())).toBe(true)
  }, 60_000)

  it('writes nothing for an empty range', async () => {
    const a = sink()
    expect(await writeNdjsonSharded({ ...plan, to: plan.from }, a.out)).toBe(0)
    expect(a.bytes().length).toBe(0)
  })

  it('fails with a shard\'s error instead of hanging', async () => {
    const a = sink()
    await expect(writeNdjsonSharded({ ...plan, root: '9999' }, a.out)).rejects.toThrow(/9999/)
  }, 60_000)

  it('fails with the output\'s error instead of waiting for it forever', async () => {
    const out = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, done) {
        setImmediate(() => done(new Error('no space left on device')))
      },
    })
    out.on('error', () => undefined)
    await expect(writeNdjsonSharded(plan, out)).rejects.toThrow('no space left on device')
  }, 60_000)
})
