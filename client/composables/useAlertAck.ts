import type { Ack } from '../../shared/socket-contract.ts'
import { sharedSocket } from './useLiveFeed.ts'

/**
 * Acknowledges (确认) an alert through the wall's socket; the server appends it to the store's log
 * and every wall showing the alert drops it. Resolves with the server's answer.
 */
export function ackAlert(id: string, timeoutMs = 5000): Promise<Ack<null>> {
  return new Promise((resolve) => {
    sharedSocket()
      .timeout(timeoutMs)
      .emit('ackAlert', { id }, (err: Error | null, res: Ack<null>) => resolve(err || !res ? { ok: false, error: err?.message ?? 'no answer' } : res))
  })
}
