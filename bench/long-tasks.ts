/**
 * Summarises a file of `bench/long-task-hook.js`: tasks by length, and the longest ones after
 * `FROM_MS` since the process started (e.g. past the start, to see the feed alone).
 *
 *   npx tsx bench/long-tasks.ts FILE [FROM_MS=0]
 */
import { readFileSync } from 'node:fs'

const [file, from = '0'] = process.argv.slice(2)
if (!file) throw new Error('usage: npx tsx bench/long-tasks.ts FILE [FROM_MS]')
const r = JSON.parse(readFileSync(file, 'utf8')) as { bounds: number[]; hist: number[]; long: { at: number; ms: number; type: string }[]; gc?: { at: number; ms: number; kind: string }[] }
const labels = [...r.bounds.map((b) => `< ${b} ms`), `≥ ${r.bounds.at(-1)} ms`]
console.log(labels.map((l, i) => `${l}: ${r.hist[i].toLocaleString('en')}`).join(' · '))
const after = r.long.filter((t) => t.at >= Number(from)).sort((a, b) => b.ms - a.ms)
console.log(`after ${from} ms: ${after.filter((t) => t.ms > 50).length} tasks over 50 ms; the longest:`)
// A collection that ends inside a task lengthens it: shown beside the task it falls in.
const gcIn = (t: { at: number; ms: number }) => (r.gc ?? []).filter((g) => g.at + g.ms <= t.at + 1 && g.at >= t.at - t.ms - 1)
for (const t of after.slice(0, 10)) {
  const g = gcIn(t).map((c) => `${c.kind} GC ${c.ms} ms`)
  console.log(`  ${t.ms} ms at ${(t.at / 1000).toFixed(1)} s (${t.type})${g.length ? `, of which ${g.join(', ')}` : ''}`)
}
const pauses = (r.gc ?? []).filter((g) => g.at >= Number(from))
if (r.gc) console.log(`garbage-collection pauses over 10 ms after ${from} ms: ${pauses.length}, the longest ${Math.max(0, ...pauses.map((g) => g.ms))} ms`)
