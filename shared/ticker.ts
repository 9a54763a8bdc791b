/** A new request on the live ticker (实时诉求), personal data masked. */
import type { Channel, Urgency } from './events.ts'

export interface TickerItem {
  requestId: string
  at: number
  region: string
  /** Names from the district down, e.g. 铁东区 · 新兴街道 · 某社区. */
  place: string
  category: string
  channel: Channel
  urgency: Urgency
  summary: string | null
  location: [number, number] | null
}
