import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefingSummary } from '../../shared/briefing-summary.ts'
import type { Briefing } from '../../shared/briefing-types.ts'
import { dayIndex, dayToDate } from '../../shared/time-windows.ts'
import { briefingText } from '../../client/briefing/briefing-i18n.ts'
import { createFeeder, getJson, requireBuiltClient, startTestServer, type TestServer } from './harness.ts'

let srv: TestServer
let dir: string
let briefing: Briefing

beforeAll(async () => {
  requireBuiltClient()
  // BRIEFING_PDF_DIR keeps the PDFs for a look.
  dir = process.env.BRIEFING_PDF_DIR ?? mkdtempSync(join(tmpdir(), 'yiwang-pdf-'))
  srv = await startTestServer()
  await createFeeder(srv.url, { days: 3 }).catchUp()
  const date = dayToDate(dayIndex(Date.now()) - 1)
  briefing = await getJson<Briefing>(`${srv.url}/api/v1/regions/2103/briefing?date=${date}`)
}, 240_000)
afterAll(async () => {
  await srv?.dispose()
  if (!process.env.BRIEFING_PDF_DIR) rmSync(dir, { recursive: true, force: true })
})

/** Fetches the server's PDF of the briefing and saves it. */
async function pdf(paper: 'a4' | '169'): Promise<string> {
  const res = await fetch(`${srv.url}/api/v1/regions/2103/briefing.pdf?paper=${paper}&date=${briefing.date}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/pdf')
  const file = join(dir, `${paper}.pdf`)
  writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  return file
}

/** The PDF's text as poppler's pdftotext reads it, whitespace removed (CJK lines break anywhere). */
const textOf = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, '')
/** Pages and mean grey level (0 black – 255 white) of each page, from pdftoppm at low resolution. */
function pageGreys(file: string): number[] {
  const prefix = join(dir, `grey-${Date.now()}`)
  execFileSync('pdftoppm', ['-r', '10', '-gray', file, prefix])
  return execFileSync('ls', [dir]).toString().split('\n').filter((n) => n.startsWith(prefix.split('/').at(-1)!)).sort().map((n) => {
    const pgm = readFileSync(join(dir, n))
    // P5 header: magic, width height, maxval, each on its own token; pixels follow.
    const header = pgm.toString('latin1', 0, 40).split(/\s+/)
    const start = pgm.indexOf(`${header[3]}\n`, header[0].length) + header[3].length + 1
    const px = pgm.subarray(start)
    return px.reduce((a, v) => a + v, 0) / px.length
  })
}

describe('briefing PDFs printed by the server', () => {
  it('A4: light pages whose page titles and summary are text', async () => {
    const file = await pdf('a4')
    const text = textOf(file)
    const tx = briefingText('zh-CN')
    for (const key of ['trendTopic', 'hot', 'ranking', 'overdueList', 'departmentsTopic', 'grid'] as const) expect(text, key).toContain(tx.t(key).replace(/\s+/g, ''))
    const summary = briefingSummary(briefing, 'zh-CN')
    expect(summary.length).toBeGreaterThan(0)
    expect(text).toContain(summary[0].replace(/\s+/g, ''))
    // Once: as the text above the overview's figure, not inside the figure too.
    for (const p of summary) expect(text.split(p.replace(/\s+/g, '')).length - 1, p).toBe(1)
    expect(text).toContain(`未办结关闭${briefing.day.closedUnresolved.toLocaleString('en-US')}件`)
    const greys = pageGreys(file)
    expect(greys.length).toBe(7)
    for (const g of greys) expect(g).toBeGreaterThan(200)
  }, 180_000)

  it('16:9: dark pages for the projector, titles as text', async () => {
    const file = await pdf('169')
    const text = textOf(file)
    expect(text).toContain(briefingText('zh-CN').t('ranking'))
    const greys = pageGreys(file)
    expect(greys.length).toBe(7)
    for (const g of greys) expect(g).toBeLessThan(90)
  }, 180_000)

  it('answers a bad date as the briefing does, before printing', async () => {
    const res = await fetch(`${srv.url}/api/v1/regions/2103/briefing.pdf?date=2001-01-01`)
    expect(res.status).toBe(400)
  })
})
