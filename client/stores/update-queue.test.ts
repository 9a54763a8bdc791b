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
})
