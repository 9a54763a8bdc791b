/**
 * Where the wall's main-thread JavaScript goes under accelerated live updates: a CDP CPU profile of
 * the wall (1920×1080, 鞍山市) summed by function (self time) and by script.
 *   npx tsx bench/wall/wall-profile.ts [tickMs=50] [seconds=10]
 */
import { openFedWall } from './fed-wall.ts'

const tick = Number(process.argv[2] ?? 50)
const SECONDS = Number(process.argv[3] ?? 10)
const { page, close } = await openFedWall({ tickMs: tick, tag: 'prof' })
const cdp = await page.context().newCDPSession(page)
await page.waitForTimeout(3000)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
await cdp.send('Profiler.start')
await page.waitForTimeout(SECONDS * 1000)
const { profile } = await cdp.send('Profiler.stop')

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
const nodes = new Map<number, Node>(profile.nodes.map((n: Node) => [n.id, n]))
const self = new Map<number, number>()
const deltas = profile.timeDeltas ?? []
for (let i = 0; i < profile.samples!.length; i++) self.set(profile.samples![i], (self.get(profile.samples![i]) ?? 0) + (deltas[i + 1] ?? 0) / 1000)
const byFn = new Map<string, number>()
const byScript = new Map<string, number>()
let total = 0
for (const [id, ms] of self) {
  const f = nodes.get(id)!.callFrame
  const file = f.url.split('/').pop() || f.url || '(native)'
  const key = `${f.functionName || '(anon)'} ${file}:${f.lineNumber}:${f.columnNumber}`
  byFn.set(key, (byFn.get(key) ?? 0) + ms)
  byScript.set(file, (byScript.get(file) ?? 0) + ms)
  total += ms
}
const idle = byFn.get([...byFn.keys()].find((k) => k.startsWith('(idle)')) ?? '') ?? 0
console.log(`tick ${tick} ms, ${SECONDS} s profiled: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms not idle`)
console.log('\nby script:')
for (const [k, v] of [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`)
console.log('\nby function (self):')
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`)
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>()
for (const n of profile.nodes as Node[]) for (const c of n.children ?? []) parent.set(c, n.id)
const incl = new Map<string, number>()
for (let i = 0; i < profile.samples!.length; i++) {
  const seen = new Set<string>()
  for (let id: number | undefined = profile.samples![i]; id !== undefined; id = parent.get(id)) {
    const f = nodes.get(id)!.callFrame
    if (!f.url) continue
    seen.add(`${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`)
  }
  for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + (deltas[i + 1] ?? 0) / 1000)
}
console.log('\nby function (inclusive):')
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 60))) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`)
await close()
