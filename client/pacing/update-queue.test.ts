import { describe, expect, it } from 'vitest'
import { createUpdateQueue } from './update-queue.ts'

/** Tasks run when the test says so; time advances by what each job "costs". */
function manual() {
  const tasks: (() => void)[] = []
  let t = 0
  return {
    post: (fn: () => void) => tasks.push(fn),
    now: () => t,
    spend: (ms: number) => (t += ms),
    runTask: () => tasks.shift()?.(),
    pending: () => tasks.length,
  }
}

describe('update queue', () => {
  it('runs one job per task, in order', () => {
    const m = manual()
    const q = createUpdateQueue(m)
    const ran: string[] = []
    const a = {}
    const b = {}
    q.schedule(a, () => ran.push('a'))
    q.schedule(b, () => ran.push('b'))
    expect(ran).toEqual([])
    m.runTask()
    expect(ran).toEqual(['a'])
    m.runTask()
    expect(ran).toEqual(['a', 'b'])
    expect(m.pending()).toBe(0)
  })

  it('keeps only the newest job of a key, in the first one’s place', () => {
    const m = manual()
    const q = createUpdateQueue(m)
    const ran: string[] = []
    const a = {}
    const b = {}
    q.schedule(a, () => ran.push('a1'))
    q.schedule(b, () => ran.push('b'))
    q.schedule(a, () => ran.push('a2'))
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a2', 'b'])
  })

  it('reports the work of the jobs scheduled before the call, and drops cancelled jobs', () => {
    const m = manual()
    const q = createUpdateQueue(m)
    const a = {}
    const b = {}
    const c = {}
    q.schedule(a, () => m.spend(5))
    q.schedule(b, () => m.spend(7))
    q.schedule(c, () => m.spend(100))
    q.cancel(c)
    const reports: number[] = []
    q.whenIdle((ms) => reports.push(ms))
    m.runTask()
    expect(reports).toEqual([])
    m.runTask()
    expect(reports).toEqual([12])
    q.whenIdle((ms) => reports.push(ms))
    expect(reports).toEqual([12, 0])
    expect(q.size).toBe(0)
  })

  it('does not charge a tick with the next tick’s jobs', () => {
    const m = manual()
    const q = createUpdateQueue(m)
    const a = {}
    const b = {}
    const reports: string[] = []
    q.schedule(a, () => m.spend(5))
    q.whenIdle((ms) => reports.push(`first ${ms}`))
    q.schedule(b, () => m.spend(9))
    q.whenIdle((ms) => reports.push(`second ${ms}`))
    while (m.pending()) m.runTask()
    expect(reports).toEqual(['first 5', 'second 9'])
  })

  it('paced: one redraw a tick, the oldest first, first draws never held back', () => {
    const m = manual()
    const timers: (() => void)[] = []
    const q = createUpdateQueue({ ...m, perTick: 1, setTimer: (fn) => timers.push(fn) })
    const ran: string[] = []
    const [a, b, c] = [{}, {}, {}]
    q.tick()
    q.schedule(a, () => ran.push('a1'))
    q.schedule(b, () => ran.push('b1'))
    q.schedule(c, () => ran.push('c first'), true)
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a1', 'c first'])
    // Next tick: b (held back) goes before a's newer redraw.
    q.schedule(a, () => ran.push('a2'))
    q.tick()
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a1', 'c first', 'b1'])
    q.tick()
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a1', 'c first', 'b1', 'a2'])
    expect(q.size).toBe(0)
  })

  it('paced: a held-back redraw runs after releaseMs when no tick comes, and reports to its tick', () => {
    const m = manual()
    const timers: { fn: () => void; ms: number }[] = []
    const q = createUpdateQueue({ ...m, perTick: 1, releaseMs: () => 250, setTimer: (fn, ms) => timers.push({ fn, ms }) })
    const reports: number[] = []
    const [a, b] = [{}, {}]
    q.tick()
    q.schedule(a, () => m.spend(4))
    q.schedule(b, () => m.spend(6))
    q.whenIdle((ms) => reports.push(ms))
    while (m.pending()) m.runTask()
    expect(reports).toEqual([])
    expect(timers.map((t) => t.ms)).toEqual([250])
    timers.shift()!.fn()
    while (m.pending()) m.runTask()
    expect(reports).toEqual([10])
    expect(timers).toEqual([])
  })

  it('paced: a release timer that a tick overtook leaves the new tick its budget', () => {
    const m = manual()
    const timers: (() => void)[] = []
    const q = createUpdateQueue({ ...m, perTick: 1, setTimer: (fn) => timers.push(fn) })
    const ran: string[] = []
    const [a, b] = [{}, {}]
    q.tick(1000)
    q.schedule(a, () => ran.push('a'))
    q.schedule(b, () => ran.push('b'))
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a'])
    q.schedule(a, () => ran.push('a2'))
    q.tick(1000) // the next tick runs b; a2 waits for the one after
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a', 'b'])
    timers.shift()!() // the first timer fires late: it must not renew the budget
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a', 'b'])
    expect(timers).toHaveLength(1)
    timers.shift()!() // no tick since it was armed: a2 runs
    while (m.pending()) m.runTask()
    expect(ran).toEqual(['a', 'b', 'a2'])
  })

  it('unpaced by default: every job of a tick runs', () => {
    const m = manual()
    const q = createUpdateQueue(m)
    const ran: number[] = []
    for (let i = 0; i < 5; i++) q.schedule({}, () => ran.push(i))
    while (m.pending()) m.runTask()
    expect(ran).toEqual([0, 1, 2, 3, 4])
  })
})
