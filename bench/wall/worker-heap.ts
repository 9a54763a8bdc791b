/**
 * The JS heap of the page's chart worker after a forced GC, over the page's CDP session (the
 * worker is its own V8 isolate: the page's heap figures do not include it).
 */
import type { CDPSession } from 'playwright-core'

interface Reply { id: number; result?: { usedSize?: number }; error?: { message: string } }

/** Attaches to the page's dedicated workers whose URL holds `urlPart`; the probe returns MB, or null with no such worker. */
export async function workerHeapProbe(cdp: CDPSession, urlPart: string): Promise<() => Promise<number | null>> {
  const sessions = new Set<string>()
  const pending = new Map<number, (r: Reply) => void>()
  let seq = 1
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker' && e.targetInfo.url.includes(urlPart)) sessions.add(e.sessionId)
  })
  cdp.on('Target.detachedFromTarget', (e) => void sessions.delete(e.sessionId ?? ''))
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const reply = JSON.parse(e.message) as Reply
    pending.get(reply.id)?.(reply)
    pending.delete(reply.id)
  })
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  const call = (sessionId: string, method: string) =>
    new Promise<Reply>((resolve, reject) => {
      const id = seq++
      pending.set(id, resolve)
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch(reject)
    })
  return async () => {
    const [sessionId] = sessions
    if (!sessionId) return null
    await call(sessionId, 'HeapProfiler.collectGarbage')
    const r = await call(sessionId, 'Runtime.getHeapUsage')
    if (r.error || r.result?.usedSize == null) throw new Error(`worker heap: ${r.error?.message ?? 'no usedSize'}`)
    return r.result.usedSize / 2 ** 20
  }
}
