import { describe, expect, it } from 'vitest'
import { missedTargets, type UpdateCost } from './trace-cost.ts'

const update = (cpu: number, frameCpu: number): UpdateCost['updates'][number] => ({ wall: cpu, cpu, tasks: 1, vueCpu: cpu, charts: {}, frameCpu, workerCharts: {} })
const cost = (updates: UpdateCost['updates'], long = 0): UpdateCost => ({
  seconds: 10,
  updates,
  frames: { count: updates.length, cpu: 0, maxCpu: 0, over16: 0 },
  mainWall: 0,
  mainCpu: 0,
  longByWall: long,
  longByCpu: 0,
  maxTaskWall: long ? 60 : 5,
  maxTaskCpu: 5,
})

describe('missedTargets', () => {
  const fast = Array.from({ length: 100 }, (_, i) => update(3 + (i % 3), 8))
  it('meets the target when the ticks and their frames stay under 16 ms', () => {
    expect(missedTargets(cost(fast), { withFrames: true })).toEqual([])
  })
  it('counts the frame only when asked', () => {
    const heavyFrames = Array.from({ length: 100 }, () => update(4, 14))
    expect(missedTargets(cost(heavyFrames), { withFrames: false })).toEqual([])
    expect(missedTargets(cost(heavyFrames), { withFrames: true })).toEqual(['a tick with its frame p95 18.0 ms ≥ 16 ms'])
  })
  it('holds the frame to p95 and the tasks to p99', () => {
    const fewSlowFrames = [...fast.slice(0, 97), update(4, 20), update(4, 20), update(4, 20)]
    expect(missedTargets(cost(fewSlowFrames), { withFrames: true })).toEqual([])
    const twoSlowTicks = [...fast.slice(0, 98), update(17, 0), update(17, 0)]
    expect(missedTargets(cost(twoSlowTicks), { withFrames: false })).toEqual(["a tick's tasks p99 17.0 ms ≥ 16 ms"])
  })
  it('fails on a long task, and on a trace with no update', () => {
    expect(missedTargets(cost(fast, 1), { withFrames: false })).toEqual(['long tasks: 1 by wall time, 0 by CPU time'])
    expect(missedTargets(cost([]), { withFrames: true })).toEqual(['no update was applied while tracing'])
  })
})
