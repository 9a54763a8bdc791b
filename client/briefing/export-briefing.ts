/** Exports the briefing as shown: one 1920×1080 image per page, PDFs (16:9, A4 landscape) and PNGs. */
import { toCanvas } from 'html-to-image'
import { jsPDF } from 'jspdf'
import { fontEmbedCss } from './font-embed.ts'

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

/** JPEG data URLs of the page images, encoded once for every PDF. */
export const jpegsOf = (pages: HTMLCanvasElement[]): string[] => pages.map((c) => c.toDataURL('image/jpeg', 0.92))

/** A PDF with one page per JPEG: 16:9 pages (20×11.25 in) or A4 landscape with the image centred. */
export function pdfOf(pages: string[], kind: 'pdf169' | 'pdfA4'): Blob {
  const a4 = kind === 'pdfA4'
  const doc = new jsPDF({ orientation: 'landscape', unit: 'pt', format: a4 ? 'a4' : [1440, 810], compress: true })
  const pw = doc.internal.pageSize.getWidth()
  const ph = doc.internal.pageSize.getHeight()
  const w = pw
  const h = (pw * PAGE.height) / PAGE.width
  pages.forEach((c, i) => {
    if (i > 0) doc.addPage()
    if (a4) {
      doc.setFillColor(2, 8, 23)
      doc.rect(0, 0, pw, ph, 'F')
    }
    doc.addImage(c, 'JPEG', 0, (ph - h) / 2, w, h, undefined, 'FAST')
  })
  return doc.output('blob')
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
