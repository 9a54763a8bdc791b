import { describe, expect, it } from 'vitest'
import type { RequestCreated } from '../shared/events.ts'
import { HOUR_MS, MINUTE_MS, shanghaiMs } from '../shared/time-windows.ts'
import { buildCity } from './city.ts'
import { planScenario } from './scenarios.ts'
import { anshan, runDays } from './test-fixtures.ts'

const city = buildCity(anshan)
const AT = shanghaiMs(2026, 12, 7, 10) // a Monday morning in the heating season
const created = (events: ReturnType<typeof runDays>) => events.filter((e): e is RequestCreated => e.type === 'request.created')

describe('scenarios', () => {
  it('surge: dozens of urgent-ish 供暖 requests in one street within the hour before `at`', () => {
    const plan = planScenario('surge', city, AT, { street: '210302002' })
    const events = created(runDays(plan.start, 0, { overlays: [plan.overlay!], gridFrom: Infinity }, 1)).filter(
      (e) => e.requestId.includes('-surge-'),
    )
    expect(events.length).toBe(45)
    for (const e of events) {
      expect(e.category).toBe('供暖')
      expect(e.region.startsWith('210302002')).toBe(true)
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(AT - HOUR_MS)
      expect(Date.parse(e.at)).toBeLessThan(AT)
    }
  })

  it('quiet night: about 5% of the normal volume, the rest of the stream unchanged', () => {
    const night = shanghaiMs(2026, 12, 7, 22)
    const plan = planScenario('quiet-night', city, night)
    const normal = created(runDays(night, 0, { gridFrom: Infinity }, 1)).filter((e) => Date.parse(e.at) < night + 8 * HOUR_MS)
    const quiet = created(runDays(night, 0, { overlays: [plan.overlay!], gridFrom: Infinity }, 1)).filter((e) => Date.parse(e.at) < night + 8 * HOUR_MS)
    expect(quiet.length).toBeLessThan(normal.length * 0.15)
    const ids = new Map(normal.map((e) => [e.id, JSON.stringify(e)]))
    for (const e of quiet) expect(JSON.stringify(e)).toBe(ids.get(e.id))
  })

  it('outage: a 20-minute hold from `at`', () => {
    expect(planScenario('outage', city, AT).outage).toEqual({ from: AT, to: AT + 20 * MINUTE_MS })
  })
})
