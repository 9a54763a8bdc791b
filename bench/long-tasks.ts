/**
 * Summarises a file of `bench/long-task-hook.js`: tasks by length, and the longest ones after
 * `FROM_MS` since the process started (e.g. past the start, to see the feed alone).
 *
 *   npx tsx bench/long-tasks.ts FILE [FROM_MS=0]
 */
import { readFileSync } from 'node:fs'

const [file, from = '0'] = process.argv.slice(2)
if (!file) throw new Error('usage: npx tsx bench/long-tasks.ts FILE [FROM_MS]')
const r = JSON.parse(readFileSync(file, 'utf8')) as { bounds: number[]; hist: number[]; long: { at: number; ms: number; type: string }[] }
const labels = [...r.bounds.map((b) => `< ${b} ms`), `≥ ${r.bounds.at(-1)} ms`]
console.log(labels.map((l, i) => `${l}: ${r.hist[i].toLocaleString('en')}`).join(' · '))
const after = r.long.filter((t) => t.at >= Number(from)).sort((a, b) => b.ms - a.ms)
console.log(`after ${from} ms: ${after.filter((t) => t.ms > 50).length} tasks over 50 ms; the longest:`)
for (const t of after.slice(0, 10)) console.log(`  ${t.ms} ms at ${(t.at / 1000).toFixed(1)} s (${t.type})`)
