import { describe, expect, it } from 'vitest'
import { departmentRanking } from '../server/engine/closed-loop-figures.ts'
import { Engine } from '../server/engine/engine.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { dayIndex, DAY_MS, HOUR_MS } from '../shared/time-windows.ts'
import { createSimulator } from './simulator.ts'

describe('simulated departments', () => {
  it('perform differently: a slow one, a good one, one that returns often', () => {
    const tree = loadRegionPack('2103')
    const from = Date.parse('2026-01-05T00:00:00+08:00')
    const now = from + 28 * DAY_MS
    const clock = { now: from }
    const engine = new Engine({ tree, clock: () => clock.now })
    const sim = createSimulator({ tree, seed: 5, from, gridFrom: now })
    for (let t = from + 6 * HOUR_MS; t <= now; t += 6 * HOUR_MS) {
      clock.now = t
      engine.applyCommitted(sim.take(t))
      engine.tick()
    }
    const rows = departmentRanking(engine.agg, engine.loop, 0, 'ytd', dayIndex(now)).rows
    const of = (name: string) => rows.find((r) => r.name === name)!
    const others = rows.filter((r) => !['市供热管理办公室', '国网鞍山供电公司', '区住建局'].includes(r.name) && r.completed >= 100)
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const onTime = median(others.map((r) => r.onTimeRate.value!))
    const returns = median(others.map((r) => r.returnRate.value!))
    const slow = of('市供热管理办公室')
    const good = of('国网鞍山供电公司')
    const returning = of('区住建局')
    expect(slow.completed).toBeGreaterThan(100)
    expect(slow.onTimeRate.value!).toBeLessThan(onTime - 0.1)
    expect(slow.timelySignRate.value!).toBeLessThan(good.timelySignRate.value!)
    expect(slow.avgHandleHours!).toBeGreaterThan(2 * good.avgHandleHours!)
    expect(good.onTimeRate.value!).toBeGreaterThan(onTime)
    expect(returning.returnRate.value!).toBeGreaterThan(3 * returns)
  }, 120_000)
})
