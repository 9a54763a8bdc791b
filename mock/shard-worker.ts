/**
 * One shard of a file-mode run, in a worker thread: simulates its part of the city and hands back
 * NDJSON batches with each line's end offset and time, for the main thread to merge.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { encodeNdjson } from './ndjson.ts'
import { createSimulator } from './simulator.ts'
import type { ShardBatch, ShardPlan } from './file-mode.ts'

const plan = workerData as ShardPlan
const sim = createSimulator({
  tree: loadRegionPack(plan.root),
  seed: plan.seed,
  from: plan.from,
  gridFrom: plan.gridFrom,
  dailyVolume: plan.dailyVolume,
  shard: { index: plan.index, count: plan.count },
})

// One message asks for one batch; the main thread keeps two asked for, so this never waits on it.
parentPort!.on('message', () => {
  const times: number[] = []
  const events = sim.take(plan.to, plan.batch, times)
  const ends = new Uint32Array(events.length)
  const encoded = encodeNdjson(events, ends)
  // Sent without a copy when the buffer owns its memory (a large one does; a small one is pooled).
  const bytes = encoded.byteOffset === 0 && encoded.byteLength === encoded.buffer.byteLength ? encoded : new Uint8Array(encoded)
  const batch: ShardBatch = { bytes, ends, times: Float64Array.from(times) }
  parentPort!.postMessage(batch, [bytes.buffer, ends.buffer, batch.times.buffer] as ArrayBuffer[])
})
