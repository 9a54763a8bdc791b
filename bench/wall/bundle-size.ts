/** Prints the built wall's JavaScript sizes, gzipped: `npx tsx bench/wall/bundle-size.ts` after `npm run build`. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CLIENT_DIR, requireBuiltClient } from '../../test/e2e/harness.ts'

/** Gzipped size (level 9) of a built asset in bytes. */
export const gzipSize = (file: string): number => gzipSync(readFileSync(join(CLIENT_DIR, file)), { level: 9 }).length

/** Files the browser fetches before any dynamic import: the entry script and its modulepreloads. */
export function initialScripts(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)].map((m) => m[1])
  return [...new Set(refs)].map((r) => r.replace(/^\//, ''))
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

if (import.meta.url === `file://${process.argv[1]}`) {
  requireBuiltClient()
  const html = readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8')
  const initial = initialScripts(html)
  const all = readdirSync(join(CLIENT_DIR, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)
  const initialGz = initial.reduce((a, f) => a + gzipSize(f), 0)
  const allGz = all.reduce((a, f) => a + gzipSize(f), 0)
  // The lazily loaded chart chunk(s): WallChart with ECharts (named for either, whichever the bundler picks).
  const echarts = all.filter((f) => /^assets\/(echarts|WallChart)-/.test(f)).reduce((a, f) => a + gzipSize(f), 0)
  // The chart worker's script: fetched by the worker once the first live chart mounts, never by the page's first load.
  const worker = all.filter((f) => /^assets\/chart-worker-/.test(f)).reduce((a, f) => a + gzipSize(f), 0)
  const css = readdirSync(join(CLIENT_DIR, 'assets')).filter((f) => f.endsWith('.css')).reduce((a, f) => a + gzipSize(`assets/${f}`), 0)
  for (const f of initial) console.log(`  initial ${f}: ${kb(gzipSize(f))} gz`)
  console.log(`initial JS (entry + modulepreload): ${kb(initialGz)} gzipped (budget 700 KB)`)
  console.log(`page JS incl. lazy chart chunk:      ${kb(initialGz + echarts)} gzipped (the chunk only where charts cannot run in a worker, and for the briefing)`)
  console.log(`chart worker (ECharts, off the page): ${kb(worker)} gzipped`)
  console.log(`all JS (incl. briefing/export):      ${kb(allGz)} gzipped`)
  console.log(`all CSS:                             ${kb(css)} gzipped`)
  if (initialGz + echarts > 700 * 1024 || initialGz + worker > 700 * 1024) process.exitCode = 1
}
