/** Named scenarios: a heating-failure surge, a quiet night, a feed outage. */
import type { Channel, Urgency } from '../shared/events.ts'
import { dateOf, HOUR_MS, MINUTE_MS, timeOf } from '../shared/time-windows.ts'
import type { City } from './city.ts'
import { mixSeed, mulberry32 } from './random.ts'
import type { ExtraRequest, Overlay } from './simulator.ts'

/** What a scenario does around its time `at`. */
export interface ScenarioPlan {
  name: ScenarioName
  description: string
  /** Simulated time to start playing from (before `at` when the scenario builds up). */
  start: number
  /** When the scenario is over (the run stops there unless told otherwise). */
  end: number
  overlay?: Overlay
  outage?: { from: number; to: number }
}

export const SCENARIO_NAMES = ['surge', 'quiet-night', 'outage'] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

export interface ScenarioOptions {
  /** Street (9-digit code) hit by the surge; default the street with the most communities. */
  street?: string
  /** Requests in the surge. @default 45 */
  count?: number
  seed?: number
}

/** `YYYYMMDDTHHMM` of an instant on the Shanghai wall clock. */
const tag = (at: number): string => `${dateOf(at)}T${timeOf(at).slice(0, 5)}`.replace(/[-:]/g, '')

/** A heating failure across one street: dozens of urgent 供暖 requests in the 40 minutes before `at`. */
function surge(city: City, at: number, o: ScenarioOptions): ScenarioPlan {
  const street = o.street
    ? city.streets.find((s) => s.code === o.street)
    : city.streets.reduce((a, b) => (b.communities.length > a.communities.length ? b : a))
  if (!street) throw new Error(`street ${o.street} is not under ${city.root}`)
  const rnd = mulberry32(mixSeed(o.seed ?? 0, at, 0x5e))
  const count = o.count ?? 45
  const extra: ExtraRequest[] = []
  for (let i = 0; i < count; i++) {
    const community = street.communities[Math.floor(rnd() * street.communities.length)]
    const x = rnd()
    const channel: Channel = x < 0.7 ? 'hotline' : x < 0.9 ? 'app' : 'wechat'
    const urgency: Urgency = rnd() < 0.5 ? 'urgent' : 'normal'
    const place = city.communities[community].place
    extra.push({
      created: Math.round(at - 40 * MINUTE_MS + (i / count) * 35 * MINUTE_MS + rnd() * MINUTE_MS),
      community,
      category: '供暖',
      channel,
      urgency,
      summary: `${place}供热管线故障，整片小区暖气不热，室内温度不足10度，老人孩子受冻，请尽快抢修。`,
    })
  }
  return {
    name: 'surge',
    description: `供暖 surge: ${count} requests in ${street.name} (${street.code}) within 40 minutes`,
    start: at - 45 * MINUTE_MS,
    end: at + 5 * MINUTE_MS,
    overlay: { tag: `surge-${street.code}-${tag(at)}`, extra },
  }
}

/** Eight hours at 5% of the normal volume from `at` (run it from 22:00 for a quiet night). */
function quietNight(at: number): ScenarioPlan {
  const end = at + 8 * HOUR_MS
  return {
    name: 'quiet-night',
    description: 'quiet night: 5% of the normal volume for 8 hours',
    start: at,
    end,
    overlay: { tag: `quiet-${tag(at)}`, extra: [], volumeFactor: (t) => (t >= at && t < end ? 0.05 : 1) },
  }
}

/** Nothing reaches the server for 20 minutes from `at`; then the backlog arrives late. */
function outage(at: number): ScenarioPlan {
  return {
    name: 'outage',
    description: 'feed outage: nothing sent for 20 minutes, then the backlog',
    start: at,
    end: at + 25 * MINUTE_MS,
    outage: { from: at, to: at + 20 * MINUTE_MS },
  }
}

/** Plans a named scenario for the city at time `at`. */
export function planScenario(name: ScenarioName, city: City, at: number, o: ScenarioOptions = {}): ScenarioPlan {
  switch (name) {
    case 'surge':
      return surge(city, at, o)
    case 'quiet-night':
      return quietNight(at)
    case 'outage':
      return outage(at)
  }
}
