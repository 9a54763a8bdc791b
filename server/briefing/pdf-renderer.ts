/**
 * The briefing as a PDF with real text: the client's print view (`/briefing/:code?print=a4|169`)
 * rendered by Chromium's own PDF printer (playwright-core driving the installed Chromium). One
 * browser, started on the first request and closed with the server; one render at a time.
 */
import type { Browser } from 'playwright-core'

/** Paper sizes the renderer prints on (as the client's `print-paper.ts` names them). */
export const PDF_PAPERS = { a4: { width: '297mm', height: '210mm' }, '169': { width: '1920px', height: '1080px' } } as const
export type PdfPaper = keyof typeof PDF_PAPERS

/** What a render needs: the page to print and its paper. */
export interface PdfJob {
  url: string
  paper: PdfPaper
}

/** Renders print views to PDF bytes. */
export interface PdfRenderer {
  render(job: PdfJob): Promise<Buffer>
  /** Starts the browser now (a briefing page opened: an export may follow), unless it runs already. */
  warm(): void
  /** Whether a browser is running or starting. */
  readonly running: boolean
  close(): Promise<void>
}

/** Options of {@link createPdfRenderer}. */
export interface PdfRendererOptions {
  /** The Chromium binary. */
  executablePath: string
  /** Longest wait for the print view to be ready, ms. @default 60000 */
  timeoutMs?: number
  /** The browser closes after this long without a render or a warm-up, ms. @default 10 min */
  idleMs?: number
  /** Renders at once (an export of both papers prints them side by side). @default 2 */
  concurrency?: number
}

/**
 * A renderer on the installed Chromium, kept warm between exports: started by the first render or
 * warm-up, closed after `idleMs` without one; at most `concurrency` renders at once, the rest queue.
 */
export function createPdfRenderer({ executablePath, timeoutMs = 60_000, idleMs = 10 * 60_000, concurrency = 2 }: PdfRendererOptions): PdfRenderer {
  let browser: Promise<Browser> | null = null
  let active = 0
  const waiting: (() => void)[] = []
  let idle: ReturnType<typeof setTimeout> | null = null
  // playwright-core is loaded with the first PDF, not with the server.
  const launch = () =>
    (browser ??= import('playwright-core')
      .then(({ chromium }) => chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }))
      .catch((e: unknown) => {
        browser = null
        throw e
      }))

  const shutdown = async () => {
    if (idle) clearTimeout(idle)
    idle = null
    const b = browser
    browser = null
    if (b) await (await b.catch(() => null))?.close()
  }
  /** (Re)starts the idle countdown; it closes the browser only when no render runs or waits. */
  const touch = () => {
    if (idle) clearTimeout(idle)
    idle = setTimeout(() => {
      idle = null
      if (active || waiting.length) touch()
      else void shutdown()
    }, idleMs)
    idle.unref()
  }

  async function renderNow({ url, paper }: PdfJob): Promise<Buffer> {
    const b = await launch()
    const size = PDF_PAPERS[paper]
    const context = await b.newContext({ viewport: paper === 'a4' ? { width: 1123, height: 794 } : { width: 1920, height: 1080 } })
    try {
      const page = await context.newPage()
      page.setDefaultTimeout(timeoutMs)
      await page.goto(url)
      await page.waitForSelector('[data-print-ready="true"]')
      await page.emulateMedia({ media: 'print' })
      return await page.pdf({ width: size.width, height: size.height, printBackground: true, preferCSSPageSize: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } })
    } finally {
      await context.close()
    }
  }

  return {
    async render(job) {
      touch()
      if (active >= concurrency) await new Promise<void>((r) => waiting.push(r))
      active++
      try {
        return await renderNow(job)
      } finally {
        active--
        waiting.shift()?.()
        touch()
      }
    },
    warm() {
      touch()
      launch().catch(() => undefined)
    },
    get running() {
      return browser !== null
    },
    close: shutdown,
  }
}
