/**
 * Exports the briefing: PDFs with real text printed by the server (A4 in the light print theme,
 * 16:9 in the dark one) and one 1920×1080 PNG per page as shown.
 */
import { toCanvas } from 'html-to-image'
import { viewerToken } from '../api/token.ts'
import { fontEmbedCss } from './font-embed.ts'
import type { PrintPaper } from './print-paper.ts'

/** Size of a page image: the design canvas. */
export const PAGE = { width: 1920, height: 1080 } as const
/** Formats of one export. */
export type ExportKind = 'pdf169' | 'pdfA4' | 'png'

/** Renders one page element (at its design size, whatever the screen's scale) to a canvas. */
export async function capturePage(el: HTMLElement): Promise<HTMLCanvasElement> {
  const fontCss = await fontEmbedCss(el.textContent ?? '')
  return toCanvas(el, {
    width: PAGE.width,
    height: PAGE.height,
    canvasWidth: PAGE.width,
    canvasHeight: PAGE.height,
    pixelRatio: 1,
    skipAutoScale: true,
    backgroundColor: '#020817',
    fontEmbedCSS: fontCss,
  })
}

/** The server's PDF of a briefing (`GET /api/v1/regions/:code/briefing.pdf`), printed from its print view. */
export async function fetchBriefingPdf(region: string, date: string, paper: PrintPaper, lang: string): Promise<Blob> {
  const token = viewerToken()
  const q = new URLSearchParams({ paper, date, ...(lang === 'en' ? { lang } : {}) })
  const res = await fetch(`/api/v1/regions/${encodeURIComponent(region)}/briefing.pdf?${q}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!res.ok) throw new Error(`PDF: HTTP ${res.status}`)
  return res.blob()
}

/** Asks the server to start its PDF printer now, ahead of an export (errors are of no matter here). */
export function warmBriefingPrinter(region: string): void {
  const token = viewerToken()
  fetch(`/api/v1/regions/${encodeURIComponent(region)}/briefing.pdf/warm`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => undefined)
}

/** The PNG bytes of a page image. */
export const pngOf = (c: HTMLCanvasElement): Promise<Blob> =>
  new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'))

/** Saves a blob under a file name through a download link. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Waits until a freshly shown page has laid out and its charts have painted. */
export async function settle(ms = 120): Promise<void> {
  await document.fonts.ready
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
  await new Promise((r) => setTimeout(r, ms))
}
