/**
 * Summarises a V8 CPU profile (`.cpuprofile`, from `--cpu-prof`): the functions with the most self
 * time, and the inclusive time of the functions named after the file.
 * Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [function names…]
 * A benchmarked server is profiled with CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, ...names] = process.argv.slice(2)
if (!file) throw new Error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [function names…]')
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const selfUs = new Map<number, number>()
p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)))
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`

let total = 0
const self = new Map<string, number>()
const inclusive = new Map<string, number>()
for (const [id, us] of selfUs) {
  total += us
  const key = label(byId.get(id)!)
  self.set(key, (self.get(key) ?? 0) + us)
  // Each named function counts a sample once, however deep the recursion.
  const seen = new Set<string>()
  for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
    const n = byId.get(c)!
    if (names.includes(n.callFrame.functionName) && !seen.has(label(n))) {
      seen.add(label(n))
      inclusive.set(label(n), (inclusive.get(label(n)) ?? 0) + us)
    }
  }
}
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7)
console.log(`${ms(total)} ms sampled`)
console.log('\nself time')
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms(us)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
if (names.length) {
  console.log('\ninclusive time')
  for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1])) console.log(`${ms(us)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
}
