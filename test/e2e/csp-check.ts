/** Content-Security-Policy violations as the server counted them from the browsers' reports. */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** `yiwang_csp_violations_total` per directive, read from `/metrics`. */
export async function cspViolations(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const counts: Record<string, number> = {}
  for (const m of text.matchAll(/^yiwang_csp_violations_total\{directive="([^"]+)"\} (\d+)$/gm)) counts[m[1]] = Number(m[2])
  return counts
}

/**
 * Expects that nothing the pages did so far broke the policy. A deliberate inline script on `page`
 * comes first: its report arriving, alone, shows that reports get through and none came before.
 */
export async function expectNoCspViolation(page: Page, url: string): Promise<void> {
  await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.cspProbe = 1'
    document.body.append(s)
  })
  await expect.poll(() => cspViolations(url), { timeout: 15_000, interval: 250 }).toEqual({ 'script-src-elem': 1 })
  expect(await page.evaluate(() => (window as unknown as { cspProbe?: number }).cspProbe)).toBeUndefined()
}
