/** Acknowledgements of alerts: internal events of the store's log, applied by every process. */
import { ackEvent, ALERT_ACK_TYPE, type Alert, type AlertAckEvent } from '../../shared/alerts.ts'
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { EventStore } from '../store/event-store.ts'

const isAck = (e: { type: string }): boolean => e.type === ALERT_ACK_TYPE

/** Splits a committed batch into data events and acknowledgements (the batch itself when it holds none). */
export function splitAcks(events: IngestEvent[]): { data: IngestEvent[]; acks: AlertAckEvent[] } {
  if (!events.some(isAck)) return { data: events, acks: [] }
  const data: IngestEvent[] = []
  const acks: AlertAckEvent[] = []
  for (const e of events) {
    if (isAck(e)) acks.push(e as unknown as AlertAckEvent)
    else data.push(e)
  }
  return { data, acks }
}

/** Marks the acknowledged alerts of `recent`; returns those newly acknowledged (to tell the walls). */
export function applyAcks(recent: Alert[], acks: AlertAckEvent[]): Alert[] {
  const out: Alert[] = []
  for (const k of acks) {
    const a = recent.find((x) => x.id === k.alertId)
    if (!a || a.ackedAt !== undefined) continue
    a.ackedAt = Date.parse(k.at)
    out.push(a)
  }
  return out
}

export type AckResult = { ok: true } | { ok: false; error: string }

/**
 * Acknowledges alert `id` for a viewer whose token is bound to `scope` (null: anywhere): the alert
 * must be recent and inside the scope; the acknowledgement is appended to the store's log.
 */
export async function acknowledge(
  deps: { store: EventStore; tree: RegionTree; recent: Alert[]; clock: () => number },
  id: unknown,
  scope: string | null,
): Promise<AckResult> {
  if (typeof id !== 'string' || !id || id.length > 200) return { ok: false, error: 'alert id required' }
  const a = deps.recent.find((x) => x.id === id)
  if (!a) return { ok: false, error: `no recent alert "${id}"` }
  if (scope !== null && a.kind !== 'feedStale' && !deps.tree.contains(scope, a.region)) return { ok: false, error: `alert "${id}" is outside the viewer's region` }
  if (a.ackedAt !== undefined) return { ok: true }
  try {
    await deps.store.append([ackEvent(id, deps.clock()) as unknown as IngestEvent])
    return { ok: true }
  } catch (err) {
    return { ok: false, error: `store unavailable: ${(err as Error).message}` }
  }
}
