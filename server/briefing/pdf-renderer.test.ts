import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createPdfRenderer } from './pdf-renderer.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

describe('PDF renderer', () => {
  it('starts the browser on a warm-up and closes it after the idle time', async () => {
    expect(existsSync(CHROMIUM), `Chromium at ${CHROMIUM}`).toBe(true)
    const r = createPdfRenderer({ executablePath: CHROMIUM, idleMs: 300 })
    try {
      expect(r.running).toBe(false)
      r.warm()
      expect(r.running).toBe(true)
      const pdf = await r.render({ url: 'data:text/html,<p data-print-ready="true">x</p>', paper: 'a4' })
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      await expect.poll(() => r.running, { timeout: 10_000 }).toBe(false)
      // The next render starts it again.
      const again = await r.render({ url: 'data:text/html,<p data-print-ready="true">y</p>', paper: '169' })
      expect(again.subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      await r.close()
    }
  }, 60_000)
})
