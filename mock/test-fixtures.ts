/** Shared fixtures for the simulator's tests: the Anshan pack and a simulated run in memory. */
import type { IngestEvent } from '../shared/events.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { DAY_MS } from '../shared/time-windows.ts'
import { createSimulator, type SimulatorOptions } from './simulator.ts'

/** 鞍山市, loaded once per test file. */
export const anshan = loadRegionPack('2103')

/** Every event of `days` simulated days from `from` (plus `tailDays` more for late lifecycle steps). */
export function runDays(from: number, days: number, extra: Partial<SimulatorOptions> = {}, tailDays = 0): IngestEvent[] {
  const sim = createSimulator({ tree: anshan, seed: 7, from, ...extra })
  return sim.take(from + (days + tailDays) * DAY_MS)
}

/** Groups request events by request id, in stream order. */
export function byRequest(events: IngestEvent[]): Map<string, IngestEvent[]> {
  const out = new Map<string, IngestEvent[]>()
  for (const e of events) {
    if (!('requestId' in e)) continue
    let list = out.get(e.requestId)
    if (!list) out.set(e.requestId, (list = []))
    list.push(e)
  }
  return out
}
