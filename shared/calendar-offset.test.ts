import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The one calendar: only `shared/time-windows.ts` may shift an instant to the Shanghai wall clock. */
const ROOT = join(import.meta.dirname, '..')
const FOLDERS = ['shared', 'server', 'client', 'mock', 'bench', 'test']
const CALENDAR = 'shared/time-windows.ts'

/** What a hand-written Asia/Shanghai offset looks like. */
const OFFSET_PATTERNS: readonly RegExp[] = [
  /\b8\s*\*\s*(3_?600_?000|3600e3|36e5|60\s*\*\s*60\b)/, // 8 * 3600_000, 8 * 60 * 60 (* 1000)
  /\b28_?800(_?000)?\b/, // 28800 s, 28_800_000 ms
  /\bgetUTC(Hours|Day|Date|Month|FullYear)\(/, // reading a shifted Date's wall clock
  /new Date\([^)]*[+-]\s*8\s*\*/, // new Date(ms + 8 * HOUR)
  /\+\s*8\s*\*\s*HOUR(_MS)?\)\s*\/\s*\w+/, // Math.floor((ms + 8 * HOUR_MS) / DAY_MS)
  /timeZone:\s*['"]Asia\/Shanghai/, // Intl / toLocaleString in the zone
]

const offsetLines = (text: string): string[] => text.split('\n').filter((line) => OFFSET_PATTERNS.some((p) => p.test(line)))

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) sources(p, out)
    else if (/\.(ts|vue|js)$/.test(e.name)) out.push(p)
  }
  return out
}

describe('the one calendar', () => {
  it('recognises the offset arithmetic it guards against, and not durations', () => {
    for (const bad of [
      'const BEIJING_OFFSET_MS = 8 * 3600_000',
      'const SHANGHAI = 8 * 3_600_000',
      'const hour = new Date(s.asOf + 8 * 3600_000).getUTCHours()',
      'const tag = (at) => new Date(at + 8 * HOUR).toISOString()',
      'const today = Math.floor((now + 8 * HOUR_MS) / DAY_MS)',
      'const OFFSET = 28_800_000',
      "d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })",
    ]) expect(offsetLines(bad), bad).toEqual([bad])
    for (const fine of ['const end = at + 8 * HOUR_MS', 'const start = day + 8 * HOUR_MS + jitter', 'const MORNING = [8 * HOUR_MS, 12 * HOUR_MS]']) {
      expect(offsetLines(fine), fine).toEqual([])
    }
  })

  it(`has no Asia/Shanghai offset written outside ${CALENDAR}`, () => {
    const self = relative(ROOT, import.meta.filename)
    const found: string[] = []
    for (const folder of FOLDERS) {
      for (const file of sources(join(ROOT, folder))) {
        const rel = relative(ROOT, file)
        if (rel === CALENDAR || rel === self) continue
        for (const line of offsetLines(readFileSync(file, 'utf8'))) found.push(`${rel}: ${line.trim()}`)
      }
    }
    expect(found).toEqual([])
  })
})
