/**
 * What holds the server's event loop: reads a CPU profile of the server (written by
 * `CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR --cpu-prof-interval=500" npx tsx bench/fanout.ts …`,
 * the main thread's file ends in `.0.001.cpuprofile`) and lists the stretches of the main thread
 * without a pause (no idle sample) longer than MIN ms, each with its share by kind: garbage
 * collection, checkpoint, push tick, subscribe acks, handshakes, ingest, /metrics, other. A
 * stretch may hold several tasks back to back (a tick's slices when nothing else waits); a run of
 * garbage-collector samples is one pause, so each stretch also names its longest GC run.
 *
 * On a shared machine a thread waiting for a core is not working: a sample that came late (the
 * gap before it is over twice the profile's median interval) counts as one median interval, so
 * `cpu` is the work of the stretch and `wall` what the event loop saw.
 *
 *   npx tsx bench/push-long-tasks.ts FILE [MIN_MS=15] [FROM_S=0] [TO_S=∞]
 */
import { readFileSync } from 'node:fs'

interface CallFrame {
  functionName: string
  url: string
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
}

/** Kinds of work, first match from the outermost frame in. */
const KINDS: [string, RegExp][] = [
  ['checkpoint', /plugins\/checkpoints|checkpointState|saveCheckpoint/],
  ['metrics', /routes\/metrics|prom-client/],
  ['tick', /push\/pusher\.ts|push\/fanout\.ts/],
  ['subscribe', /push\/socket-server\.ts|push\/room-feeds\.ts/],
  ['handshake', /push\/admission\.ts|security\/socket-guard\.ts|auth\/socket-viewer\.ts/],
  ['ingest', /routes\/events\.ts|ingest\//],
]
const IDLE = new Set(['(idle)', '(program)'])

export function longStretches(p: Profile, minMs: number, fromS = 0, toS = Infinity) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const kindOf = new Map<number, string>()
  const kind = (id: number): string => {
    let k = kindOf.get(id)
    if (k) return k
    const frames: CallFrame[] = []
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) frames.unshift(byId.get(x)!.callFrame)
    const leaf = frames[frames.length - 1]
    k = leaf.functionName === '(garbage collector)' ? 'gc' : IDLE.has(leaf.functionName) ? 'idle' : 'other'
    if (k === 'other') for (const f of frames) {
      const hit = KINDS.find(([, re]) => re.test(`${f.functionName} ${f.url}`))
      if (hit) {
        k = hit[0]
        break
      }
    }
    kindOf.set(id, k)
    return k
  }
  const sorted = [...p.timeDeltas].sort((a, b) => a - b)
  const step = sorted[Math.floor(sorted.length / 2)] || 1
  const out: { atS: number; wallMs: number; cpuMs: number; gcRunMs: number; kinds: Record<string, number> }[] = []
  let gcRun = 0
  let t = p.startTime
  let cur: (typeof out)[number] | null = null
  let curStart = 0
  for (let i = 0; i < p.samples.length; i++) {
    const d = p.timeDeltas[i]
    t += d
    const atS = (t - p.startTime) / 1e6
    if (atS < fromS || atS > toS) continue
    const k = kind(p.samples[i])
    if (k === 'idle') {
      if (cur && cur.cpuMs >= minMs) out.push(cur)
      cur = null
      continue
    }
    if (!cur) {
      cur = { atS, wallMs: 0, cpuMs: 0, gcRunMs: 0, kinds: {} }
      curStart = t - d
    }
    const work = (d > 2 * step ? step : d) / 1000
    cur.cpuMs += work
    cur.wallMs = (t - curStart) / 1000
    cur.kinds[k] = (cur.kinds[k] ?? 0) + work
    gcRun = k === 'gc' ? gcRun + work : 0
    cur.gcRunMs = Math.max(cur.gcRunMs, gcRun)
  }
  if (cur && cur.cpuMs >= minMs) out.push(cur)
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, min = '15', from = '0', to = 'Infinity'] = process.argv.slice(2)
  if (!file) throw new Error('usage: npx tsx bench/push-long-tasks.ts FILE [MIN_MS] [FROM_S] [TO_S]')
  const stretches = longStretches(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(min), Number(from), Number(to))
  const total: Record<string, number> = {}
  for (const s of stretches) {
    for (const [k, v] of Object.entries(s.kinds)) total[k] = (total[k] ?? 0) + v
    const parts = Object.entries(s.kinds).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`)
    console.log(`${s.atS.toFixed(2)} s  cpu ${s.cpuMs.toFixed(0)} ms, wall ${s.wallMs.toFixed(0)} ms: ${parts.join(', ')}${s.gcRunMs >= 1 ? `; longest GC pause ${s.gcRunMs.toFixed(0)} ms` : ''}`)
  }
  const pauses = stretches.map((s) => s.gcRunMs).sort((a, b) => b - a)
  console.log(`\nlongest GC pauses (ms CPU): ${pauses.slice(0, 8).map((x) => x.toFixed(0)).join(', ')}`)
  console.log(`${stretches.length} stretches of ${min} ms CPU or more; their CPU by kind (ms): ${JSON.stringify(Object.fromEntries(Object.entries(total).map(([k, v]) => [k, Math.round(v)])))}`)
}
