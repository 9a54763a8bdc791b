/**
 * Preloaded into a benchmarked server (run with --expose-gc and an IPC channel): the message 'gc'
 * runs a full GC and answers with the settled heap, so heap per client is not GC noise.
 */
process.channel?.unref()
process.on('message', (m) => {
  if (m !== 'gc') return
  globalThis.gc?.()
  process.send?.({ heap: process.memoryUsage().heapUsed })
})
